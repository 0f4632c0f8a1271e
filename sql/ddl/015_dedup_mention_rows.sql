-- Mentions as deduplication reads them: the one owner of that projection, for the
-- sql/dml/*dedup* statements, each passing its own mention ids. Table macros, not a view:
-- DuckDB inlines them, so the filter sits on the mentions under the joins (a view filtered
-- from outside joined every mention first, 0.35 s a query at 400k mentions). This file is
-- applied once: changing a macro takes a new numbered file.

-- The mentions $mention_ids (every mention with every := true, which the planner folds
-- away), each column named after its newsevents.dedup.MentionRecord field.
CREATE OR REPLACE MACRO dedup_mention_fields(mention_ids, every := false) AS TABLE
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
    l.country  AS location_country
FROM fct_event_mention AS m
LEFT JOIN dim_article  AS d ON d.article_id = m.article_id
LEFT JOIN dim_actor    AS a ON a.actor_key = m.actor_key
LEFT JOIN dim_actor    AS t ON t.actor_key = m.target_key
LEFT JOIN dim_location AS l ON l.location_key = m.location_key
WHERE every OR m.mention_id IN (SELECT unnest(mention_ids::VARCHAR[]));

-- The same with the event the last rebuild put each mention in (NULL for one loaded
-- since): the columns of stg_dedup_removed_mention, in its order.
CREATE OR REPLACE MACRO dedup_mention_rows(mention_ids) AS TABLE
SELECT f.*, b.event_key
FROM dedup_mention_fields(mention_ids) AS f
LEFT JOIN fct_event_mention_bridge AS b ON b.mention_id = f.mention_id;
