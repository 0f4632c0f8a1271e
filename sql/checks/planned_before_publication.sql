-- Planned events dated before the week their article was published.
-- severity: warn
-- why: extraction quality: a date or status misread from the text; rows still consistent
SELECT m.mention_id, m.article_id, m.event_date, d.published
FROM fct_event_mention AS m
JOIN dim_article AS d USING (article_id)
WHERE m.status = 'planned' AND m.event_date < date_trunc('week', d.published);
