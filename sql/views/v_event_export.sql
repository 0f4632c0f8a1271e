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
    CASE WHEN a.actor_key IS NOT NULL
         THEN {'name': a.name, 'country': a.country, 'sector': a.sector} END AS actor,
    CASE WHEN t.actor_key IS NOT NULL
         THEN {'name': t.name, 'country': t.country, 'sector': t.sector} END AS target,
    CASE WHEN l.location_key IS NOT NULL
         THEN {'name': l.name, 'country': l.country} END                   AS location,
    m.evidence,
    m.mention_id                                   AS event_id,
    m.confidence,
    m.evidence_start,
    m.evidence_end
FROM fct_event_mention AS m
LEFT JOIN dim_actor    AS a ON a.actor_key = m.actor_key
LEFT JOIN dim_actor    AS t ON t.actor_key = m.target_key
LEFT JOIN dim_location AS l ON l.location_key = m.location_key
ORDER BY m.article_id, m.evidence_start, m.mention_id;
