-- Mentions that may agree with one of the given mentions (a superset: newsevents.dedup
-- decides): the same type and status, and a date window within a day of theirs. A mention
-- given with late = false only reaches mentions reported from $since on (or undated
-- articles). Each row carries the event the last rebuild put it in.
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
        v.*,
        CASE v.precision
            WHEN 'day' THEN v.event_date
            WHEN 'week' THEN date_trunc('week', v.event_date)::DATE
            WHEN 'month' THEN date_trunc('month', v.event_date)::DATE
            ELSE date_trunc('year', v.event_date)::DATE
        END AS w_lo,
        CASE v.precision
            WHEN 'day' THEN v.event_date
            WHEN 'week' THEN date_trunc('week', v.event_date)::DATE + 6
            WHEN 'month' THEN last_day(v.event_date)
            ELSE make_date(year(v.event_date), 12, 31)
        END AS w_hi
    FROM v_dedup_mention AS v
    WHERE v.event_date IS NOT NULL
      AND v.precision IN ('day', 'week', 'month', 'year')
      AND v.event_date BETWEEN $first - 367 AND $last + 367
)
SELECT DISTINCT w.* EXCLUDE (w_lo, w_hi)
FROM windowed AS w
JOIN given AS g
  ON w.event_type = g.event_type
 AND w.status = g.status
 AND w.w_lo <= g.hi + 1
 AND w.w_hi >= g.lo - 1
 AND (g.late OR w.published IS NULL OR w.published >= $since)
ORDER BY w.mention_id;
