-- Deployments per place (NULL place: not stated), with their first and last date.
SELECT
    place,
    place_country,
    count(*)                  AS deployments,
    list(DISTINCT subtype ORDER BY subtype) AS subtypes,
    min(date)                 AS first_date,
    max(date)                 AS last_date
FROM v_event_timeline
WHERE type = 'deployment'
GROUP BY place, place_country
ORDER BY deployments DESC, place NULLS LAST;
