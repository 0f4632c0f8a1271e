-- Statements whose speaker's name contains a text (any case):
-- newsevents query statements_by_actor -p actor=erdogan
SELECT date, precision, subtype, actor, actor_country, target, evidence, article_id
FROM v_event_timeline
WHERE type = 'statement' AND contains(lower(actor), lower($actor))
ORDER BY date NULLS LAST, article_id, evidence;
