-- The events $event_keys, before the incremental rebuild writes the events their mentions
-- now form (their bridge rows go first: delete_event_bridge_rows.sql).
DELETE FROM fct_event WHERE event_key IN (SELECT unnest($event_keys::VARCHAR[]));
