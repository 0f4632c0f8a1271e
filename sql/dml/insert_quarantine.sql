-- One quarantined input (parameters in column order); a row already held is kept.
INSERT INTO quarantine VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING;
