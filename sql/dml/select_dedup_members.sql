-- The mentions the last rebuild put in the events $event_keys.
SELECT *
FROM v_dedup_mention
WHERE event_key IN (SELECT unnest($event_keys::VARCHAR[]))
ORDER BY mention_id;
