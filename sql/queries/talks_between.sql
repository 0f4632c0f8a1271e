-- Talks between two countries, either way round: newsevents query talks_between -p a=TUR -p b=RUS
SELECT date, precision, subtype, status, actor, target, place, evidence, article_id, n_articles
FROM v_event_timeline
WHERE type = 'talks'
  AND ((actor_country = upper($a) AND target_country = upper($b))
    OR (actor_country = upper($b) AND target_country = upper($a)))
ORDER BY date NULLS LAST, article_id;
