-- Articles with mentions that have no date, or whose date fell back to the publication date.
CREATE OR REPLACE VIEW v_unresolved_dates AS
SELECT
    d.article_id,
    d.title,
    d.source,
    d.published,
    count(*)                                                                      AS events,
    count(*) FILTER (WHERE m.event_date IS NULL)                                  AS undated,
    count(*) FILTER (WHERE m.event_date IS NOT NULL AND trim(m.date_text) = '')   AS publication_dated
FROM dim_article AS d
JOIN fct_event_mention AS m ON m.article_id = d.article_id
GROUP BY d.article_id, d.title, d.source, d.published
HAVING count(*) FILTER (WHERE m.event_date IS NULL OR trim(m.date_text) = '') > 0
ORDER BY d.article_id;
