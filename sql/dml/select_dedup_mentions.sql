-- The mentions $mention_ids as deduplication reads them (dedup_mention_rows,
-- sql/ddl/015_dedup_mention_rows.sql), with the event the last rebuild put each in.
SELECT *
FROM dedup_mention_rows($mention_ids::VARCHAR[])
ORDER BY mention_id;
