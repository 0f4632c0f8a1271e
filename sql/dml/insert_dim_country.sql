-- One valid country or international-body code (dim_country is refreshed on migrate).
INSERT INTO dim_country (country_code, name, kind) VALUES (?, ?, ?);
