-- Every mention with the article, party and place fields cross-article deduplication needs;
-- each column is named after its newsevents.dedup.MentionRecord field (the projection is
-- the macro dedup_mention_fields, sql/ddl/015_dedup_mention_rows.sql).
SELECT *
FROM dedup_mention_fields(NULL, every := true)
ORDER BY mention_id;
