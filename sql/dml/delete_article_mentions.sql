-- An article's mentions are replaced on every load of it, never added to.
DELETE FROM fct_event_mention WHERE article_id = ?;
