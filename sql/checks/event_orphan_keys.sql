-- Deduplicated events and bridge rows that do not line up with the mentions and dimensions.
-- severity: error
-- why: integrity: the dedup tables out of step with the mentions; event counts are wrong
SELECT 'mention without event' AS problem, m.mention_id AS id
FROM fct_event_mention AS m
LEFT JOIN fct_event_mention_bridge AS b USING (mention_id)
WHERE b.mention_id IS NULL
UNION ALL
SELECT 'bridge to missing mention', b.mention_id
FROM fct_event_mention_bridge AS b
LEFT JOIN fct_event_mention AS m USING (mention_id)
WHERE m.mention_id IS NULL
UNION ALL
SELECT 'bridge to missing event', b.mention_id
FROM fct_event_mention_bridge AS b
LEFT JOIN fct_event AS e USING (event_key)
WHERE e.event_key IS NULL
UNION ALL
SELECT 'event without mentions', e.event_key
FROM fct_event AS e
LEFT JOIN fct_event_mention_bridge AS b USING (event_key)
WHERE b.event_key IS NULL
UNION ALL
SELECT 'event lead is not its mention', e.event_key
FROM fct_event AS e
LEFT JOIN fct_event_mention_bridge AS b
    ON b.mention_id = e.lead_mention_id AND b.event_key = e.event_key
WHERE b.mention_id IS NULL
UNION ALL
SELECT 'event with missing actor, target or place', e.event_key
FROM fct_event AS e
LEFT JOIN dim_actor    AS a ON a.actor_key = e.actor_key
LEFT JOIN dim_actor    AS t ON t.actor_key = e.target_key
LEFT JOIN dim_location AS l ON l.location_key = e.location_key
WHERE (e.actor_key IS NOT NULL AND a.actor_key IS NULL)
   OR (e.target_key IS NOT NULL AND t.actor_key IS NULL)
   OR (e.location_key IS NOT NULL AND l.location_key IS NULL)
UNION ALL
SELECT 'event date missing from dim_date', e.event_key
FROM fct_event AS e
LEFT JOIN dim_date AS d ON d.date_key = e.event_date
WHERE e.event_date IS NOT NULL AND d.date_key IS NULL;
