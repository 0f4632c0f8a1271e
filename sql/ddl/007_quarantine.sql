-- Inputs that could not be processed, with a reason code and a readable message.
CREATE TABLE IF NOT EXISTS quarantine (
    quarantine_key VARCHAR PRIMARY KEY,
    source_path    VARCHAR NOT NULL,
    article_id     VARCHAR,
    content_hash   VARCHAR,
    reason         VARCHAR NOT NULL,
    message        VARCHAR NOT NULL,
    flow_run_id    VARCHAR,
    first_seen_at  TIMESTAMP NOT NULL
);
