-- Staged texts, one per content hash, each column bound as one list parameter; a text
-- already held is kept as it is.
INSERT INTO stg_article_text (content_hash, raw_text, body_spans)
SELECT
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[])
ON CONFLICT DO NOTHING;
