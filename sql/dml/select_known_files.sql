-- Of the files about to be staged (path, article_id, size, mtime_ns, meta_key lists), those
-- that need not be read: the manifest holds the same stat and metadata, and dim_article holds
-- the content they staged to, extracted by the given version (the last parameter; NULL: any).
SELECT m.path, m.article_id, m.content_hash, d.published
FROM (
    SELECT
        unnest(?::VARCHAR[]) AS path,
        unnest(?::VARCHAR[]) AS article_id,
        unnest(?::BIGINT[]) AS size,
        unnest(?::BIGINT[]) AS mtime_ns,
        unnest(?::VARCHAR[]) AS meta_key
) AS f
JOIN stg_file_manifest AS m USING (path, article_id, size, mtime_ns, meta_key)
JOIN dim_article AS d ON d.article_id = m.article_id AND d.content_hash = m.content_hash
WHERE d.extractor_version = coalesce(?::VARCHAR, d.extractor_version);
