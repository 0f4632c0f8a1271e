-- File manifest rows with paths from $first_path to $last_path whose content dim_article
-- holds, extracted by $extractor_version (NULL: any version). The caller compares each
-- row's article id, size, mtime_ns and meta_key with the file's own.
SELECT m.path, m.article_id, m.size, m.mtime_ns, m.meta_key, m.content_hash, d.published
FROM stg_file_manifest AS m
JOIN dim_article AS d ON d.article_id = m.article_id AND d.content_hash = m.content_hash
WHERE m.path BETWEEN $first_path AND $last_path
  AND d.extractor_version = coalesce($extractor_version::VARCHAR, d.extractor_version);
