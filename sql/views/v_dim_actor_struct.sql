-- (Views apply in file-name order; this one sorts before the views that use it.)
-- An actor as the export contract's {name, country, sector} struct, keyed for joins;
-- a LEFT JOIN that finds no actor gives NULL, not a struct of NULLs.
CREATE OR REPLACE VIEW v_dim_actor_struct AS
SELECT
    actor_key,
    {'name': name, 'country': country, 'sector': sector} AS party
FROM dim_actor;
