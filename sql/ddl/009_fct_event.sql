-- One row per real-world event after cross-article deduplication (newsevents/dedup.py).
-- event_key hashes the smallest mention_id of the cluster, so reruns give the same keys.
CREATE TABLE IF NOT EXISTS fct_event (
    event_key       VARCHAR PRIMARY KEY,
    event_type      VARCHAR NOT NULL,
    subtype         VARCHAR NOT NULL,
    status          VARCHAR NOT NULL,
    first_reported  DATE,              -- earliest publication date of a reporting article
    last_reported   DATE,
    n_articles      INTEGER NOT NULL,
    n_sources       INTEGER NOT NULL,  -- distinct non-null article sources
    n_mentions      INTEGER NOT NULL,
    event_date      DATE,              -- the best date: most precise, then most reported
    date_precision  VARCHAR NOT NULL,
    date_conflicts  INTEGER NOT NULL,  -- mentions whose own date differs from event_date
    actor_key       VARCHAR,
    target_key      VARCHAR,
    location_key    VARCHAR,
    lead_mention_id VARCHAR NOT NULL   -- the mention that supplied the best date
);
