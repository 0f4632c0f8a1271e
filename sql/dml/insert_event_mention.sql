-- Event mentions, each column bound as one list parameter in column order; the articles' old
-- rows are deleted first. A repeated mention_id fails the whole statement.
INSERT INTO fct_event_mention (
    mention_id, article_id, event_type, subtype, status, event_date, date_precision, date_text,
    actor_key, target_key, location_key, evidence, evidence_start, evidence_end, mention_spans,
    confidence, extractor_version, flow_run_id
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
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::INTEGER[]),
    unnest(?::INTEGER[]),
    unnest(?::VARCHAR[]),
    unnest(?::DOUBLE[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]);
