-- Places (key, name, country, lat, lon), each column one list parameter; a key already held
-- is kept.
INSERT INTO dim_location
SELECT
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::DOUBLE[]),
    unnest(?::DOUBLE[])
ON CONFLICT DO NOTHING;
