-- How many of the given quarantine keys (one list parameter) the quarantine table lacks.
SELECT count(*)
FROM (SELECT unnest(?::VARCHAR[]) AS quarantine_key) AS q
WHERE q.quarantine_key NOT IN (SELECT quarantine_key FROM quarantine);
