-- Which event each mention belongs to, and the dedup rule that joined it ('seed' for the
-- mention that opened the cluster).
CREATE TABLE IF NOT EXISTS fct_event_mention_bridge (
    mention_id VARCHAR PRIMARY KEY,
    event_key  VARCHAR NOT NULL,
    rule       VARCHAR NOT NULL
);
