-- Quarantined inputs, each column bound by name as one list parameter; a row already held
-- is kept.
INSERT INTO quarantine BY NAME
SELECT
    unnest($quarantine_key::VARCHAR[])  AS quarantine_key,
    unnest($source_path::VARCHAR[])     AS source_path,
    unnest($article_id::VARCHAR[])      AS article_id,
    unnest($content_hash::VARCHAR[])    AS content_hash,
    unnest($reason::VARCHAR[])          AS reason,
    unnest($message::VARCHAR[])         AS message,
    unnest($flow_run_id::VARCHAR[])     AS flow_run_id,
    unnest($first_seen_at::TIMESTAMP[]) AS first_seen_at
ON CONFLICT DO NOTHING;
