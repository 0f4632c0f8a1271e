-- What dim_article holds for the article ids $article_ids.
SELECT article_id, content_hash, extractor_version
FROM dim_article
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]));
