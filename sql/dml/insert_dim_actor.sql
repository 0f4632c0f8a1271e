-- Actors (key, name, country, sector), each column one list parameter; a key already held
-- is kept.
INSERT INTO dim_actor
SELECT
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[])
ON CONFLICT DO NOTHING;
