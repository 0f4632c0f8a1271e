-- The events export (`newsevents export --what events`): one row per deduplicated event,
-- joined to its parties, place, lead evidence and the ids of every mention.
CREATE OR REPLACE VIEW v_event_export_events AS
SELECT
    e.event_key,
    e.event_type                                   AS type,
    e.subtype,
    e.status,
    e.event_date                                   AS date,
    e.date_precision                               AS precision,
    e.date_conflicts,
    e.first_reported,
    e.last_reported,
    e.n_articles,
    e.n_sources,
    e.n_mentions,
    a.party                                        AS actor,
    t.party                                        AS target,
    l.place                                        AS location,
    m.evidence,
    m.article_id                                   AS lead_article,
    (SELECT list(b.mention_id ORDER BY b.mention_id)
     FROM fct_event_mention_bridge AS b
     WHERE b.event_key = e.event_key)              AS mention_ids
FROM fct_event AS e
JOIN fct_event_mention AS m ON m.mention_id = e.lead_mention_id
LEFT JOIN v_dim_actor_struct    AS a ON a.actor_key = e.actor_key
LEFT JOIN v_dim_actor_struct    AS t ON t.actor_key = e.target_key
LEFT JOIN v_dim_location_struct AS l ON l.location_key = e.location_key
ORDER BY date NULLS LAST, type, e.event_key;
