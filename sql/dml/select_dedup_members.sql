-- The mentions the last rebuild put in the events $event_keys, as deduplication reads them
-- (dedup_mention_rows, sql/ddl/015_dedup_mention_rows.sql), each with its event.
SELECT *
FROM dedup_mention_rows((
    SELECT list(mention_id)
    FROM fct_event_mention_bridge
    WHERE event_key IN (SELECT unnest($event_keys::VARCHAR[]))
))
ORDER BY mention_id;
