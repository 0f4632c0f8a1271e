-- Actors with a country code that is not three upper-case letters.
SELECT actor_key, name, country
FROM dim_actor
WHERE country IS NOT NULL AND NOT regexp_full_match(country, '[A-Z]{3}');
