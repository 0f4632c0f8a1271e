-- Report: articles with undated or publication-dated mentions (the whole warehouse).
SELECT article_id, title, source, published, events, undated, publication_dated
FROM v_unresolved_dates
ORDER BY undated DESC, publication_dated DESC, article_id;
