-- The export contract: the guideline's event fields plus id, confidence and offsets.
CREATE OR REPLACE VIEW v_event_export AS
SELECT
    m.article_id                                   AS article,
    m.event_type                                   AS type,
    m.subtype,
    m.status,
    strftime(m.event_date, '%Y-%m-%d')             AS date,
    m.date_precision                               AS precision,
    m.date_text,
    a.party                                        AS actor,
    t.party                                        AS target,
    l.place                                        AS location,
    m.evidence,
    m.mention_id                                   AS event_id,
    m.confidence,
    m.evidence_start,
    m.evidence_end
FROM fct_event_mention AS m
LEFT JOIN v_dim_actor_struct    AS a ON a.actor_key = m.actor_key
LEFT JOIN v_dim_actor_struct    AS t ON t.actor_key = m.target_key
LEFT JOIN v_dim_location_struct AS l ON l.location_key = m.location_key
ORDER BY m.article_id, m.evidence_start, m.mention_id;
