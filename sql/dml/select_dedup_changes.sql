-- The incremental rebuild's starting points: the mentions of the articles loaded since the
-- last rebuild (removed = false), and the mentions those articles held before (removed =
-- true), each with the event the last rebuild put it in (NULL for a mention loaded since).
-- Both halves have the columns of dedup_mention_rows (sql/ddl/015_dedup_mention_rows.sql).
SELECT *, false AS removed
FROM dedup_mention_rows((
    SELECT list(mention_id)
    FROM fct_event_mention
    WHERE article_id IN (SELECT article_id FROM stg_dedup_changed_article)
))
UNION ALL BY NAME
SELECT *, true AS removed
FROM stg_dedup_removed_mention
ORDER BY removed, mention_id;
