-- The bridge rows of the events $event_keys, which the incremental rebuild writes anew.
DELETE FROM fct_event_mention_bridge WHERE event_key IN (SELECT unnest($event_keys::VARCHAR[]));
