-- Report: inputs that could not be staged, with their reason code and message.
SELECT source_path, article_id, reason, message, first_seen_at
FROM quarantine
ORDER BY reason, source_path;
