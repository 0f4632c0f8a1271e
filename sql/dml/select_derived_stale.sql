-- True when fct_event_mention_bridge does not hold one row per mention: the derived
-- tables (fct_event, the bridge, dim_date) must then be rebuilt even by a load that adds nothing.
SELECT (SELECT count(*) FROM fct_event_mention)
    <> (SELECT count(*) FROM fct_event_mention_bridge) AS stale;
