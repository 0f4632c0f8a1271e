-- Report: every article, for the article list that event rows link to.
SELECT article_id, title, source, published, published_how, url
FROM dim_article
ORDER BY published NULLS LAST, article_id;
