-- What changed since the derived tables were last rebuilt, so the rebuild can redo only the
-- events the change can reach (newsevents/warehouse/loading.py, incremental rebuild): the
-- articles loaded since, and the mentions those articles held before, as deduplication read
-- them (select_mentions_for_dedup.sql, with event_key). Every rebuild empties both.
CREATE TABLE IF NOT EXISTS stg_dedup_changed_article (
    article_id VARCHAR PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS stg_dedup_removed_mention (
    mention_id       VARCHAR NOT NULL,
    article_id       VARCHAR NOT NULL,
    source           VARCHAR,
    published        DATE,
    event_type       VARCHAR NOT NULL,
    subtype          VARCHAR NOT NULL,
    status           VARCHAR NOT NULL,
    event_date       DATE,
    precision        VARCHAR NOT NULL,
    date_text        VARCHAR NOT NULL,
    evidence_start   INTEGER NOT NULL,
    n_spans          INTEGER NOT NULL,
    actor_key        VARCHAR,
    actor_name       VARCHAR,
    actor_country    VARCHAR,
    target_key       VARCHAR,
    target_name      VARCHAR,
    target_country   VARCHAR,
    location_key     VARCHAR,
    location_name    VARCHAR,
    location_country VARCHAR,
    event_key        VARCHAR
);
