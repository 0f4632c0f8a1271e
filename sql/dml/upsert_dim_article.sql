-- Insert or refresh articles' rows: each column bound by name as one list parameter, and
-- the ids must be distinct (one ON CONFLICT statement keeps the first of a repeat).
INSERT INTO dim_article BY NAME
SELECT
    unnest($article_id::VARCHAR[])        AS article_id,
    unnest($content_hash::VARCHAR[])      AS content_hash,
    unnest($source::VARCHAR[])            AS source,
    unnest($title::VARCHAR[])             AS title,
    unnest($url::VARCHAR[])               AS url,
    unnest($published::DATE[])            AS published,
    unnest($published_how::VARCHAR[])     AS published_how,
    unnest($language::VARCHAR[])          AS language,
    unnest($source_path::VARCHAR[])       AS source_path,
    unnest($sentences::INTEGER[])         AS sentences,
    unnest($extractor_version::VARCHAR[]) AS extractor_version,
    unnest($flow_run_id::VARCHAR[])       AS flow_run_id,
    unnest($ingested_at::TIMESTAMP[])     AS ingested_at
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
