-- Staged texts, one per content hash, each column bound by name as one list parameter; a
-- text already held is kept as it is.
INSERT INTO stg_article_text BY NAME
SELECT
    unnest($content_hash::VARCHAR[]) AS content_hash,
    unnest($raw_text::VARCHAR[])     AS raw_text,
    unnest($body_spans::VARCHAR[])   AS body_spans
ON CONFLICT DO NOTHING;
