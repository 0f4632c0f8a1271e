-- Mentions that may agree with one of the given mentions (a superset: newsevents.dedup
-- decides), as deduplication reads them, with the event the last rebuild put each in: the
-- same type and status, and a date window within a day of theirs (the windows of
-- newsevents.dedup.date_window). A mention given with late = false only reaches mentions
-- reported from $since on (or by undated articles). The mentions are narrowed first, then
-- joined.
WITH given AS (
    SELECT
        unnest($event_type::VARCHAR[]) AS event_type,
        unnest($status::VARCHAR[])     AS status,
        unnest($lo::DATE[])            AS lo,
        unnest($hi::DATE[])            AS hi,
        unnest($late::BOOLEAN[])       AS late
),
windowed AS (
    SELECT
        m.mention_id,
        m.article_id,
        m.event_type,
        m.status,
        CASE m.date_precision
            WHEN 'day' THEN m.event_date
            WHEN 'week' THEN date_trunc('week', m.event_date)::DATE
            WHEN 'month' THEN date_trunc('month', m.event_date)::DATE
            ELSE date_trunc('year', m.event_date)::DATE
        END AS w_lo,
        CASE m.date_precision
            WHEN 'day' THEN m.event_date
            WHEN 'week' THEN date_trunc('week', m.event_date)::DATE + 6
            WHEN 'month' THEN last_day(m.event_date)
            ELSE make_date(year(m.event_date), 12, 31)
        END AS w_hi
    FROM fct_event_mention AS m
    WHERE m.event_date IS NOT NULL
      AND m.date_precision IN ('day', 'week', 'month', 'year')
      -- a window is at most a year: nothing further can meet [first, last]
      AND m.event_date BETWEEN $first - 367 AND $last + 367
),
-- mentions reported from $since on, or by undated articles (not published before it)
recent AS MATERIALIZED (
    SELECT *
    FROM windowed
    WHERE article_id NOT IN (SELECT article_id FROM dim_article WHERE published < $since)
),
hit AS MATERIALIZED (
    SELECT w.mention_id
    FROM windowed AS w
    JOIN given AS g
      ON g.late
     AND w.event_type = g.event_type
     AND w.status = g.status
     AND w.w_lo <= g.hi + 1
     AND w.w_hi >= g.lo - 1
    UNION
    SELECT w.mention_id
    FROM recent AS w
    JOIN given AS g
      ON NOT g.late
     AND w.event_type = g.event_type
     AND w.status = g.status
     AND w.w_lo <= g.hi + 1
     AND w.w_hi >= g.lo - 1
)
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
WHERE m.mention_id IN (SELECT mention_id FROM hit)
ORDER BY m.mention_id;
