-- A row here means the derived tables (fct_event, its bridge, dim_date) are stale in a way
-- only a full rebuild repairs. Runs before incremental rebuilds (DDL 014) marked every
-- window loaded without a rebuild so; a row such a run left is honoured by a full rebuild.
CREATE TABLE IF NOT EXISTS stg_rebuild_pending (
    flow_run_id VARCHAR,
    marked_at   TIMESTAMP NOT NULL
);
