-- One mention's event membership (parameters in column order); the bridge is emptied first.
INSERT INTO fct_event_mention_bridge (mention_id, event_key, rule) VALUES (?, ?, ?);
