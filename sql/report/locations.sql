-- Report: places of deduplicated events within the filter, with coordinates when known.
SELECT
    l.name,
    l.country,
    l.lat,
    l.lon,
    count(*)::INTEGER                         AS events,
    list(DISTINCT e.event_type ORDER BY e.event_type) AS types
FROM fct_event AS e
JOIN dim_location AS l ON l.location_key = e.location_key
LEFT JOIN dim_actor AS a ON a.actor_key = e.actor_key
LEFT JOIN dim_actor AS t ON t.actor_key = e.target_key
WHERE report_filter(e.event_date, a.country, t.country, l.country, $from, $to, $country)
GROUP BY l.name, l.country, l.lat, l.lon
ORDER BY events DESC, l.name, l.country;
