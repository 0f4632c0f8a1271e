-- Actors whose country is not a known ISO-3 country or international-body code (dim_country).
-- severity: warn
-- why: extraction quality: a country code no lexicon knows; an attribute, not a key
SELECT a.actor_key, a.name, a.country
FROM dim_actor AS a
LEFT JOIN dim_country AS c ON c.country_code = a.country
WHERE a.country IS NOT NULL AND c.country_code IS NULL;
