-- The 20 actor -> target dyads with the most deduplicated events.
SELECT actor, target, sum(events)::INTEGER AS events, sum(reports)::INTEGER AS reports,
       list(DISTINCT type ORDER BY type) AS types, min(first_date) AS first_date,
       max(last_date) AS last_date
FROM v_dyads
GROUP BY actor, target
ORDER BY events DESC, reports DESC, actor, target
LIMIT 20;
