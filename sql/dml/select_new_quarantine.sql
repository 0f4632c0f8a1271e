-- How many of the quarantine keys $quarantine_keys the quarantine table lacks.
SELECT count(*)
FROM (SELECT unnest($quarantine_keys::VARCHAR[]) AS quarantine_key) AS q
WHERE q.quarantine_key NOT IN (SELECT quarantine_key FROM quarantine);
