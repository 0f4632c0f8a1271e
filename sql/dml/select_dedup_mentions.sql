-- The mentions $mention_ids as deduplication reads them (the columns of
-- select_mentions_for_dedup.sql), with the event the last rebuild put each in.
SELECT
    m.mention_id,
    m.article_id,
    d.source,
    d.published,
    m.event_type,
    m.subtype,
    m.status,
    m.event_date,
    m.date_precision AS precision,
    m.date_text,
    m.evidence_start,
    json_array_length(m.mention_spans)::INTEGER AS n_spans,
    m.actor_key,
    a.name     AS actor_name,
    a.country  AS actor_country,
    m.target_key,
    t.name     AS target_name,
    t.country  AS target_country,
    m.location_key,
    l.name     AS location_name,
    l.country  AS location_country,
    b.event_key
FROM fct_event_mention AS m
LEFT JOIN dim_article  AS d ON d.article_id = m.article_id
LEFT JOIN dim_actor    AS a ON a.actor_key = m.actor_key
LEFT JOIN dim_actor    AS t ON t.actor_key = m.target_key
LEFT JOIN dim_location AS l ON l.location_key = m.location_key
LEFT JOIN fct_event_mention_bridge AS b ON b.mention_id = m.mention_id
WHERE m.mention_id IN (SELECT unnest($mention_ids::VARCHAR[]))
ORDER BY m.mention_id;
