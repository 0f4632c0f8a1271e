-- One row per event per article (mentions of one happening in one article are merged).
CREATE TABLE IF NOT EXISTS fct_event_mention (
    mention_id        VARCHAR PRIMARY KEY,
    article_id        VARCHAR NOT NULL,
    event_type        VARCHAR NOT NULL,
    subtype           VARCHAR NOT NULL,
    status            VARCHAR NOT NULL,
    event_date        DATE,
    date_precision    VARCHAR NOT NULL,
    date_text         VARCHAR NOT NULL,
    actor_key         VARCHAR,
    target_key        VARCHAR,
    location_key      VARCHAR,
    evidence          VARCHAR NOT NULL,
    evidence_start    INTEGER NOT NULL,
    evidence_end      INTEGER NOT NULL,
    mention_spans     VARCHAR NOT NULL,  -- JSON [[start, end], ...] of every merged mention
    confidence        DOUBLE NOT NULL,
    extractor_version VARCHAR NOT NULL,
    flow_run_id       VARCHAR
);
