-- Every mention with the article, party and place fields cross-article deduplication needs;
-- each column is named after its newsevents.dedup.MentionRecord field.
SELECT * EXCLUDE (event_key)
FROM v_dedup_mention
ORDER BY mention_id;
