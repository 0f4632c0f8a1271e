-- Deduplicated events per day, type and actor country. Week/month/year-precision events
-- count on the first day of their window; events_day_precise counts only day-precise ones.
CREATE OR REPLACE VIEW v_daily_counts AS
SELECT
    e.event_date                                            AS date,
    e.event_type                                            AS type,
    a.country                                               AS actor_country,
    count(*)                                                AS events,
    count(*) FILTER (WHERE e.date_precision = 'day')        AS events_day_precise,
    sum(e.n_articles)::INTEGER                              AS reports
FROM fct_event AS e
LEFT JOIN dim_actor AS a ON a.actor_key = e.actor_key
WHERE e.event_date IS NOT NULL
GROUP BY e.event_date, e.event_type, a.country
ORDER BY date, type, actor_country NULLS LAST;
