-- Report: actor -> target dyads of deduplicated events within the filter, most events first.
-- A side is its country code, or its name when it has none (as in v_dyads).
SELECT
    coalesce(actor_country, actor)      AS actor,
    coalesce(target_country, target)    AS target,
    count(*)::INTEGER                   AS events,
    sum(n_articles)::INTEGER            AS reports,
    list(DISTINCT type ORDER BY type)   AS types,
    min(date)                           AS first_date,
    max(date)                           AS last_date
FROM v_event_timeline
WHERE actor IS NOT NULL AND target IS NOT NULL
  AND report_filter(date, actor_country, target_country, place_country, $from, $to, $country)
GROUP BY 1, 2
ORDER BY events DESC, reports DESC, actor, target;
