-- Actors, each column bound by name as one list parameter; a key already held is kept.
INSERT INTO dim_actor BY NAME
SELECT
    unnest($actor_key::VARCHAR[]) AS actor_key,
    unnest($name::VARCHAR[])      AS name,
    unnest($country::VARCHAR[])   AS country,
    unnest($sector::VARCHAR[])    AS sector
ON CONFLICT DO NOTHING;
