-- Deduplicated events in date order, with parties, place, and the evidence sentence and
-- article of the mention that supplied the event's date.
CREATE OR REPLACE VIEW v_event_timeline AS
SELECT
    e.event_date        AS date,
    e.date_precision    AS precision,
    e.event_type        AS type,
    e.subtype,
    e.status,
    a.name              AS actor,
    a.country           AS actor_country,
    t.name              AS target,
    t.country           AS target_country,
    l.name              AS place,
    l.country           AS place_country,
    m.evidence,
    d.article_id,
    d.title,
    d.url,
    d.source,
    e.n_articles,
    e.n_sources,
    e.event_key
FROM fct_event AS e
JOIN fct_event_mention AS m ON m.mention_id = e.lead_mention_id
JOIN dim_article AS d ON d.article_id = m.article_id
LEFT JOIN dim_actor    AS a ON a.actor_key = e.actor_key
LEFT JOIN dim_actor    AS t ON t.actor_key = e.target_key
LEFT JOIN dim_location AS l ON l.location_key = e.location_key
ORDER BY date NULLS LAST, type, event_key;
