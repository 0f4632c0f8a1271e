-- One row per article file staged from a folder: its stat and metadata digest when it was
-- read, and the article and content hash it staged to. A rerun does not read a file whose
-- path, size, mtime_ns and meta_key are unchanged while dim_article holds that content.
CREATE TABLE IF NOT EXISTS stg_file_manifest (
    path         VARCHAR PRIMARY KEY,
    article_id   VARCHAR NOT NULL,
    size         BIGINT NOT NULL,
    mtime_ns     BIGINT NOT NULL,
    meta_key     VARCHAR NOT NULL,  -- digest of the sidecar/articles.csv fields applied
    content_hash VARCHAR NOT NULL
);
