-- The mentions of the articles in the bound list are replaced on every load, never added to.
DELETE FROM fct_event_mention WHERE article_id IN (SELECT unnest(?::VARCHAR[]));
