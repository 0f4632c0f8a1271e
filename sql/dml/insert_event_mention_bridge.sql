-- Mentions' event memberships (mention_id, event_key, rule), each column one list parameter;
-- the bridge is emptied first.
INSERT INTO fct_event_mention_bridge (mention_id, event_key, rule)
SELECT
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]);
