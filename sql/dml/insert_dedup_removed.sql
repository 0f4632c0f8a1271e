-- Before the articles $article_ids are loaded again, keep the mentions they hold as
-- deduplication read them, with the event the last rebuild put each in (dedup_mention_rows,
-- sql/ddl/015_dedup_mention_rows.sql): the incremental rebuild starts from these and from
-- the articles' new mentions. The articles are narrowed to their mention ids first, so the
-- macro's filter sits on the mentions under its joins.
INSERT INTO stg_dedup_removed_mention BY NAME
SELECT *
FROM dedup_mention_rows((
    SELECT list(mention_id)
    FROM fct_event_mention
    WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]))
));
