-- One actor (key, name, country, sector); a key already held is kept.
INSERT INTO dim_actor VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING;
