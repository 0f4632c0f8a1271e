-- Deduplicated events, each column bound by name as one list parameter; fct_event is
-- emptied first.
INSERT INTO fct_event BY NAME
SELECT
    unnest($event_key::VARCHAR[])       AS event_key,
    unnest($event_type::VARCHAR[])      AS event_type,
    unnest($subtype::VARCHAR[])         AS subtype,
    unnest($status::VARCHAR[])          AS status,
    unnest($first_reported::DATE[])     AS first_reported,
    unnest($last_reported::DATE[])      AS last_reported,
    unnest($n_articles::INTEGER[])      AS n_articles,
    unnest($n_sources::INTEGER[])       AS n_sources,
    unnest($n_mentions::INTEGER[])      AS n_mentions,
    unnest($event_date::DATE[])         AS event_date,
    unnest($date_precision::VARCHAR[])  AS date_precision,
    unnest($date_conflicts::INTEGER[])  AS date_conflicts,
    unnest($actor_key::VARCHAR[])       AS actor_key,
    unnest($target_key::VARCHAR[])      AS target_key,
    unnest($location_key::VARCHAR[])    AS location_key,
    unnest($lead_mention_id::VARCHAR[]) AS lead_mention_id;
