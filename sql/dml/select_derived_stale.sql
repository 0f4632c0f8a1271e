-- True when the derived tables (fct_event, the bridge, dim_date) must be rebuilt even by a
-- load that adds nothing: articles were loaded without a rebuild (stg_dedup_changed_article),
-- a warehouse written before incremental rebuilds was left stale (stg_rebuild_pending), or
-- fct_event_mention_bridge does not hold one row per mention.
SELECT EXISTS (SELECT 1 FROM stg_dedup_changed_article)
    OR EXISTS (SELECT 1 FROM stg_rebuild_pending)
    OR (SELECT count(*) FROM fct_event_mention)
    <> (SELECT count(*) FROM fct_event_mention_bridge) AS stale;
