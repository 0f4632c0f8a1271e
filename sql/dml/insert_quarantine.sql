-- Quarantined inputs, each column one list parameter in column order; a row already held is
-- kept.
INSERT INTO quarantine
SELECT
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::TIMESTAMP[])
ON CONFLICT DO NOTHING;
