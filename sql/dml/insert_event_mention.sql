-- Event mentions, each column bound by name as one list parameter; the articles' old rows
-- are deleted first. A repeated mention_id fails the whole statement.
INSERT INTO fct_event_mention BY NAME
SELECT
    unnest($mention_id::VARCHAR[])        AS mention_id,
    unnest($article_id::VARCHAR[])        AS article_id,
    unnest($event_type::VARCHAR[])        AS event_type,
    unnest($subtype::VARCHAR[])           AS subtype,
    unnest($status::VARCHAR[])            AS status,
    unnest($event_date::DATE[])           AS event_date,
    unnest($date_precision::VARCHAR[])    AS date_precision,
    unnest($date_text::VARCHAR[])         AS date_text,
    unnest($actor_key::VARCHAR[])         AS actor_key,
    unnest($target_key::VARCHAR[])        AS target_key,
    unnest($location_key::VARCHAR[])      AS location_key,
    unnest($evidence::VARCHAR[])          AS evidence,
    unnest($evidence_start::INTEGER[])    AS evidence_start,
    unnest($evidence_end::INTEGER[])      AS evidence_end,
    unnest($mention_spans::VARCHAR[])     AS mention_spans,
    unnest($confidence::DOUBLE[])         AS confidence,
    unnest($extractor_version::VARCHAR[]) AS extractor_version,
    unnest($flow_run_id::VARCHAR[])       AS flow_run_id;
