-- Events per type and status.
SELECT type, status, count(*) AS events
FROM v_event_export
GROUP BY type, status
ORDER BY type, status;
