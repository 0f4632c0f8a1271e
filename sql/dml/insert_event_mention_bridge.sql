-- Mentions' event memberships, each column bound by name as one list parameter; the bridge
-- is emptied first.
INSERT INTO fct_event_mention_bridge BY NAME
SELECT
    unnest($mention_id::VARCHAR[]) AS mention_id,
    unnest($event_key::VARCHAR[])  AS event_key,
    unnest($rule::VARCHAR[])       AS rule;
