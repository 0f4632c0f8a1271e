-- Report: event mentions (one row per event per article, v_event_export) within the filter,
-- with their article's title, source, publication date and url for the link back.
-- $from/$to (YYYY-MM-DD or NULL) bound the mention's date; a bound excludes undated mentions.
-- $country (ISO-3 or NULL) keeps mentions whose actor, target or place has that country.
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
WHERE ($from IS NULL OR CAST(x.date AS DATE) >= CAST($from AS DATE))
  AND ($to IS NULL OR CAST(x.date AS DATE) <= CAST($to AS DATE))
  AND ($country IS NULL
       OR x.actor.country = upper($country)
       OR x.target.country = upper($country)
       OR x.location.country = upper($country))
ORDER BY x.date NULLS LAST, x.article, x.evidence_start, x.event_id;
