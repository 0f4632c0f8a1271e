-- Mentions whose evidence is empty or whose offsets do not index the stored text.
-- severity: error
-- why: integrity: offsets that do not quote the stored text break the export contract
SELECT m.mention_id, m.article_id, m.evidence_start, m.evidence_end
FROM fct_event_mention AS m
JOIN dim_article AS d USING (article_id)
JOIN stg_article_text AS s USING (content_hash)
WHERE trim(m.evidence) = ''
   OR m.evidence_end <= m.evidence_start
   OR substr(s.raw_text, m.evidence_start + 1, m.evidence_end - m.evidence_start) <> m.evidence;
