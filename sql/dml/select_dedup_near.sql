-- The ids of the mentions in the given reaches (newsevents.dedup_scope.Reach: a type, a
-- status and a stretch of days, already a day wider than the windows it stands for): a
-- superset, which newsevents.dedup then filters. A reach that is not late only holds
-- mentions reported from $since on (or by undated articles). The ids $exclude are left out.
-- Ids only: the caller reads each mention's row once (select_dedup_mentions.sql), however
-- many rounds of the search meet it.
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
      AND m.event_date BETWEEN $first - 366 AND $last + 366
),
-- mentions reported from $since on, or by undated articles (not published before it)
recent AS MATERIALIZED (
    SELECT *
    FROM windowed
    WHERE article_id NOT IN (SELECT article_id FROM dim_article WHERE published < $since)
),
hit AS MATERIALIZED (
    (
        SELECT w.mention_id
        FROM windowed AS w
        JOIN given AS g
          ON g.late
         AND w.event_type = g.event_type
         AND w.status = g.status
         AND w.w_lo <= g.hi
         AND w.w_hi >= g.lo
        UNION
        SELECT w.mention_id
        FROM recent AS w
        JOIN given AS g
          ON NOT g.late
         AND w.event_type = g.event_type
         AND w.status = g.status
         AND w.w_lo <= g.hi
         AND w.w_hi >= g.lo
    )
    EXCEPT
    SELECT unnest($exclude::VARCHAR[])
)
SELECT mention_id FROM hit ORDER BY mention_id;
