-- One row per article id: metadata, how its publication date was found, and which
-- extractor run produced its current mentions.
CREATE TABLE IF NOT EXISTS dim_article (
    article_id        VARCHAR PRIMARY KEY,
    content_hash      VARCHAR NOT NULL,
    source            VARCHAR,
    title             VARCHAR,
    url               VARCHAR,
    published         DATE,
    published_how     VARCHAR NOT NULL,
    language          VARCHAR NOT NULL,
    source_path       VARCHAR,
    sentences         INTEGER NOT NULL,
    extractor_version VARCHAR NOT NULL,
    flow_run_id       VARCHAR,
    ingested_at       TIMESTAMP NOT NULL
);
