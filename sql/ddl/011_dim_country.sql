-- Valid actor country codes: ISO-3 countries and international-body codes, seeded by
-- warehouse.migrate from newsevents/data/countries.tsv and igos.tsv.
CREATE TABLE IF NOT EXISTS dim_country (
    country_code VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL  -- 'country' or 'igo'
);
