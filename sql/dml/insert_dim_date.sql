-- Every day from the earliest to the latest date held (dim_date is emptied first).
INSERT INTO dim_date
WITH held AS (
    SELECT event_date AS d FROM fct_event_mention
    UNION ALL SELECT published FROM dim_article
    UNION ALL SELECT event_date FROM fct_event
),
bounds AS (
    SELECT min(d) AS lo, max(d) AS hi FROM held WHERE d IS NOT NULL
),
days AS (
    SELECT unnest(generate_series(lo::TIMESTAMP, hi::TIMESTAMP, INTERVAL 1 DAY))::DATE AS d
    FROM bounds
    WHERE lo IS NOT NULL
)
SELECT
    d,
    year(d),
    quarter(d),
    month(d),
    monthname(d),
    day(d),
    isoyear(d),
    week(d),
    isodow(d),
    dayname(d),
    isodow(d) >= 6,
    date_trunc('week', d)::DATE,
    date_trunc('month', d)::DATE
FROM days
ORDER BY d;
