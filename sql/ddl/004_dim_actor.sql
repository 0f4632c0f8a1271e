-- Canonical actors and targets; actor_key is a hash of (name, country, sector).
CREATE TABLE IF NOT EXISTS dim_actor (
    actor_key VARCHAR PRIMARY KEY,
    name      VARCHAR NOT NULL,
    country   VARCHAR,
    sector    VARCHAR
);
