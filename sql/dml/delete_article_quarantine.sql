-- An article that loads is no longer quarantined for a failed extraction: its earlier
-- extraction failures ($reasons) are cleared, so the table lists what is not loaded.
DELETE FROM quarantine
WHERE article_id IN (SELECT unnest($article_ids::VARCHAR[]))
  AND reason IN (SELECT unnest($reasons::VARCHAR[]));
