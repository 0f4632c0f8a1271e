-- What the next rebuild starts from: the mentions changed since the last one (those of the
-- articles loaded since, and those the articles held before), whether an older version
-- left a mark only a full rebuild honours, and how many mentions there are.
SELECT
    (SELECT count(*) FROM fct_event_mention
     WHERE article_id IN (SELECT article_id FROM stg_dedup_changed_article))
    + (SELECT count(*) FROM stg_dedup_removed_mention) AS changed,
    EXISTS (SELECT 1 FROM stg_rebuild_pending) AS full_pending,
    (SELECT count(*) FROM fct_event_mention) AS mentions;
