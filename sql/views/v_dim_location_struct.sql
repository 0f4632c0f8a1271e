-- (Views apply in file-name order; this one sorts before the views that use it.)
-- A location as the export contract's {name, country} struct, keyed for joins.
CREATE OR REPLACE VIEW v_dim_location_struct AS
SELECT
    location_key,
    {'name': name, 'country': country} AS place
FROM dim_location;
