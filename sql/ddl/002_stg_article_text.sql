-- Raw article text as staged, stored once per content hash, so extraction can rerun
-- without re-reading the input files.
CREATE TABLE IF NOT EXISTS stg_article_text (
    content_hash VARCHAR PRIMARY KEY,
    raw_text     VARCHAR NOT NULL,
    body_spans   VARCHAR NOT NULL  -- JSON [[start, end], ...] of non-furniture lines
);
