-- Deduplicated events dated within [from, to]:
-- newsevents query event_timeline -p from=2020-02-01 -p to=2020-02-29
SELECT date, precision, type, subtype, status, actor, target, place, evidence, article_id, title
FROM v_event_timeline
WHERE date BETWEEN CAST($from AS DATE) AND CAST($to AS DATE)
ORDER BY date, type, event_key;
