-- Before the articles $article_ids are loaded again, keep the mentions they hold as
-- deduplication read them, with their events: the incremental rebuild starts from these
-- and from the articles' new mentions.
INSERT INTO stg_dedup_removed_mention BY NAME
SELECT * FROM v_dedup_mention
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
