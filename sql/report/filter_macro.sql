-- The report filter, shared by the queries of sql/report/: an event dated `event_date` whose
-- actor, target and place have the given countries is in the report when its date lies in
-- [date_from, date_to] (YYYY-MM-DD text or NULL for an open side; a bound leaves out undated
-- events) and `country` (ISO-3 or NULL) is one of the three. Called with $from, $to and
-- $country. A TEMP macro, so a read-only connection can define it; it lives as long as the
-- connection.
CREATE OR REPLACE TEMP MACRO report_filter(
    event_date, actor_country, target_country, place_country, date_from, date_to, country
) AS (
    (date_from IS NULL OR CAST(event_date AS DATE) >= CAST(date_from AS DATE))
    AND (date_to IS NULL OR CAST(event_date AS DATE) <= CAST(date_to AS DATE))
    AND (country IS NULL
         OR actor_country = upper(country)
         OR target_country = upper(country)
         OR place_country = upper(country))
);
