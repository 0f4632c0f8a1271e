-- The articles $article_ids are loaded (again): the next rebuild starts from their mentions.
INSERT INTO stg_dedup_changed_article
SELECT DISTINCT unnest($article_ids::VARCHAR[])
ON CONFLICT DO NOTHING;
