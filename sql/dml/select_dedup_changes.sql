-- The incremental rebuild's starting points: the mentions of the articles loaded since the
-- last rebuild (removed = false), and the mentions those articles held before (removed =
-- true), each with the event the last rebuild put it in.
SELECT *, false AS removed
FROM v_dedup_mention
WHERE article_id IN (SELECT article_id FROM stg_dedup_changed_article)
UNION ALL
SELECT *, true AS removed
FROM stg_dedup_removed_mention
ORDER BY removed, mention_id;
