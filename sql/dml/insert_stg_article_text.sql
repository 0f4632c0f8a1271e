-- One staged text per content hash; a text already held is kept as it is.
INSERT INTO stg_article_text (content_hash, raw_text, body_spans)
VALUES (?, ?, ?)
ON CONFLICT DO NOTHING;
