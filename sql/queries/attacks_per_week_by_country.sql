-- Deduplicated attacks per ISO week and attacker country (NULL: attacker unknown).
SELECT
    d.iso_year,
    d.iso_week,
    min(d.week_start)          AS week_start,
    a.country                  AS actor_country,
    count(*)                   AS attacks,
    sum(e.n_articles)::INTEGER AS reports
FROM fct_event AS e
JOIN dim_date AS d ON d.date_key = e.event_date
LEFT JOIN dim_actor AS a ON a.actor_key = e.actor_key
WHERE e.event_type = 'attack'
GROUP BY d.iso_year, d.iso_week, a.country
ORDER BY d.iso_year, d.iso_week, actor_country NULLS LAST;
