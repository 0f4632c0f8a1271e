-- Deduplicated events, each column bound as one list parameter in column order; fct_event
-- is emptied first.
INSERT INTO fct_event (
    event_key, event_type, subtype, status, first_reported, last_reported, n_articles,
    n_sources, n_mentions, event_date, date_precision, date_conflicts, actor_key, target_key,
    location_key, lead_mention_id
)
SELECT
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::DATE[]),
    unnest(?::DATE[]),
    unnest(?::INTEGER[]),
    unnest(?::INTEGER[]),
    unnest(?::INTEGER[]),
    unnest(?::DATE[]),
    unnest(?::VARCHAR[]),
    unnest(?::INTEGER[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]),
    unnest(?::VARCHAR[]);
