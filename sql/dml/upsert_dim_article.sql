-- Insert or refresh articles' rows: each column is bound as one list parameter, in column
-- order, and the ids must be distinct (one ON CONFLICT statement keeps the first of a repeat).
INSERT INTO dim_article (
    article_id, content_hash, source, title, url, published, published_how, language,
    source_path, sentences, extractor_version, flow_run_id, ingested_at
)
SELECT
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::DATE[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::INTEGER[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::TIMESTAMP[])
ON CONFLICT (article_id) DO UPDATE SET
    content_hash      = excluded.content_hash,
    source            = excluded.source,
    title             = excluded.title,
    url               = excluded.url,
    published         = excluded.published,
    published_how     = excluded.published_how,
    language          = excluded.language,
    source_path       = excluded.source_path,
    sentences         = excluded.sentences,
    extractor_version = excluded.extractor_version,
    flow_run_id       = excluded.flow_run_id,
    ingested_at       = excluded.ingested_at;
