-- Report: deduplicated events per day and type within the filter (v_event_timeline).
-- Week-, month- and year-precision events count on the first day of their window. Undated
-- events form rows with a NULL date, kept only when neither $from nor $to is given.
SELECT date, type, count(*)::INTEGER AS events
FROM v_event_timeline
WHERE ($from IS NULL OR date >= CAST($from AS DATE))
  AND ($to IS NULL OR date <= CAST($to AS DATE))
  AND ($country IS NULL
       OR actor_country = upper($country)
       OR target_country = upper($country)
       OR place_country = upper($country))
GROUP BY date, type
ORDER BY date NULLS LAST, type;
