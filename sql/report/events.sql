-- Report: event mentions (one row per event per article, v_event_export) within the filter,
-- with their article's title, source, publication date and url for the link back.
-- $from, $to and $country filter them as report_filter (filter_macro.sql) says.
SELECT
    x.event_id,
    x.article,
    x.type,
    x.subtype,
    x.status,
    x.date,
    x.precision,
    x.date_text,
    x.actor,
    x.target,
    x.location,
    x.evidence,
    x.confidence,
    d.title,
    d.source,
    d.published,
    d.url
FROM v_event_export AS x
JOIN dim_article AS d ON d.article_id = x.article
WHERE report_filter(
    x.date, x.actor.country, x.target.country, x.location.country, $from, $to, $country
)
ORDER BY x.date NULLS LAST, x.article, x.evidence_start, x.event_id;
