-- Places, each column bound by name as one list parameter; a key already held is kept.
INSERT INTO dim_location BY NAME
SELECT
    unnest($location_key::VARCHAR[]) AS location_key,
    unnest($name::VARCHAR[])         AS name,
    unnest($country::VARCHAR[])      AS country,
    unnest($lat::DOUBLE[])           AS lat,
    unnest($lon::DOUBLE[])           AS lon
ON CONFLICT DO NOTHING;
