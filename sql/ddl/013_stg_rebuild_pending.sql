-- A row here means mentions were loaded without rebuilding the derived tables (fct_event,
-- its bridge, dim_date). A streaming run loads its windows so and rebuilds once at its end;
-- a run killed in between leaves the row, and the next run's stale check rebuilds.
CREATE TABLE IF NOT EXISTS stg_rebuild_pending (
    flow_run_id VARCHAR,
    marked_at   TIMESTAMP NOT NULL
);
