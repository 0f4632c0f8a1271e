-- One deduplicated event (parameters in column order); fct_event is emptied first.
INSERT INTO fct_event (
    event_key, event_type, subtype, status, first_reported, last_reported, n_articles,
    n_sources, n_mentions, event_date, date_precision, date_conflicts, actor_key, target_key,
    location_key, lead_mention_id
)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);
