-- One place (key, name, country, lat, lon); a key already held is kept.
INSERT INTO dim_location VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING;
