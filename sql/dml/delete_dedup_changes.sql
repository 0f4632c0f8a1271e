-- After a rebuild: nothing is pending any more.
DELETE FROM stg_dedup_changed_article;
DELETE FROM stg_dedup_removed_mention;
DELETE FROM stg_rebuild_pending;
