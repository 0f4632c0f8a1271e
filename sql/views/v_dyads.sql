-- Directed actor -> target dyads of deduplicated events; a side is its country code, or its
-- name when it has no country.
CREATE OR REPLACE VIEW v_dyads AS
SELECT
    coalesce(a.country, a.name)  AS actor,
    coalesce(t.country, t.name)  AS target,
    e.event_type                 AS type,
    count(*)                     AS events,
    sum(e.n_articles)::INTEGER   AS reports,
    min(e.event_date)            AS first_date,
    max(e.event_date)            AS last_date
FROM fct_event AS e
JOIN dim_actor AS a ON a.actor_key = e.actor_key
JOIN dim_actor AS t ON t.actor_key = e.target_key
GROUP BY ALL
ORDER BY events DESC, actor, target, type;
