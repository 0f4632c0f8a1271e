-- Report: mentions with no date at all (the whole warehouse), with their evidence.
SELECT event_id, article, type, precision, date_text, evidence
FROM v_event_export
WHERE date IS NULL
ORDER BY article, evidence_start, event_id;
