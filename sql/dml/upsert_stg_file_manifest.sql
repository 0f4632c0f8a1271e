-- Record the files an article window read: each column bound as one list parameter, in
-- column order, paths distinct. A file read again replaces its row.
INSERT INTO stg_file_manifest (path, article_id, size, mtime_ns, meta_key, content_hash)
SELECT
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::BIGINT[]),
    unnest(?::BIGINT[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[])
ON CONFLICT (path) DO UPDATE SET
    article_id   = excluded.article_id,
    size         = excluded.size,
    mtime_ns     = excluded.mtime_ns,
    meta_key     = excluded.meta_key,
    content_hash = excluded.content_hash;
