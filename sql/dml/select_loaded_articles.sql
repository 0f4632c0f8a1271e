-- What dim_article holds for the given article ids (one list parameter).
SELECT article_id, content_hash, extractor_version
FROM dim_article
WHERE article_id IN (SELECT unnest(?::VARCHAR[]));
