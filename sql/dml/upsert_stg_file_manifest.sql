-- Record the files an article window read: each column bound by name as one list
-- parameter, paths distinct. A file read again replaces its row.
INSERT INTO stg_file_manifest BY NAME
SELECT
    unnest($path::VARCHAR[])         AS path,
    unnest($article_id::VARCHAR[])   AS article_id,
    unnest($size::BIGINT[])          AS size,
    unnest($mtime_ns::BIGINT[])      AS mtime_ns,
    unnest($meta_key::VARCHAR[])     AS meta_key,
    unnest($content_hash::VARCHAR[]) AS content_hash
ON CONFLICT (path) DO UPDATE SET
    article_id   = excluded.article_id,
    size         = excluded.size,
    mtime_ns     = excluded.mtime_ns,
    meta_key     = excluded.meta_key,
    content_hash = excluded.content_hash;
