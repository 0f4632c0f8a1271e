-- The mentions of the articles $article_ids are replaced on every load, never added to.
DELETE FROM fct_event_mention WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
