-- Mark the derived tables stale; one row is enough.
INSERT INTO stg_rebuild_pending (flow_run_id, marked_at)
SELECT $flow_run_id, $marked_at
WHERE NOT EXISTS (SELECT 1 FROM stg_rebuild_pending);
