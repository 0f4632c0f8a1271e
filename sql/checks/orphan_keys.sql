-- Mentions pointing at an article, actor or location that does not exist.
-- severity: error
-- why: integrity: a key that joins to nothing breaks queries over the star schema
SELECT m.mention_id, m.article_id, m.actor_key, m.target_key, m.location_key
FROM fct_event_mention AS m
LEFT JOIN dim_article  AS d ON d.article_id = m.article_id
LEFT JOIN dim_actor    AS a ON a.actor_key = m.actor_key
LEFT JOIN dim_actor    AS t ON t.actor_key = m.target_key
LEFT JOIN dim_location AS l ON l.location_key = m.location_key
WHERE d.article_id IS NULL
   OR (m.actor_key IS NOT NULL AND a.actor_key IS NULL)
   OR (m.target_key IS NOT NULL AND t.actor_key IS NULL)
   OR (m.location_key IS NOT NULL AND l.location_key IS NULL);
