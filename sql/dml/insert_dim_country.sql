-- Valid country and international-body codes, each column bound by name as one list
-- parameter (dim_country is emptied and refilled on migrate).
INSERT INTO dim_country BY NAME
SELECT
    unnest($country_code::VARCHAR[]) AS country_code,
    unnest($name::VARCHAR[])         AS name,
    unnest($kind::VARCHAR[])         AS kind;
