-- Event places, resolved with the gazetteer when possible; location_key hashes (name, country).
CREATE TABLE IF NOT EXISTS dim_location (
    location_key VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    country      VARCHAR,
    lat          DOUBLE,
    lon          DOUBLE
);
