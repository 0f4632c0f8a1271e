-- Report: deduplicated events per day and type within the filter (v_event_timeline).
-- Week-, month- and year-precision events count on the first day of their window. Undated
-- events form rows with a NULL date, kept only when neither $from nor $to is given.
SELECT date, type, count(*)::INTEGER AS events
FROM v_event_timeline
WHERE report_filter(date, actor_country, target_country, place_country, $from, $to, $country)
GROUP BY date, type
ORDER BY date NULLS LAST, type;
