-- One event mention (parameters in column order); the article's old rows are deleted first.
INSERT INTO fct_event_mention (
    mention_id, article_id, event_type, subtype, status, event_date, date_precision, date_text,
    actor_key, target_key, location_key, evidence, evidence_start, evidence_end, mention_spans,
    confidence, extractor_version, flow_run_id
)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
