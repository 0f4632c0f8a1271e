-- Calendar: one row per day from the earliest to the latest date the warehouse holds
-- (mention dates, event dates and publication dates); rebuilt with every load.
CREATE TABLE IF NOT EXISTS dim_date (
    date_key      DATE PRIMARY KEY,
    year          INTEGER NOT NULL,
    quarter       INTEGER NOT NULL,
    month         INTEGER NOT NULL,
    month_name    VARCHAR NOT NULL,
    day_of_month  INTEGER NOT NULL,
    iso_year      INTEGER NOT NULL,
    iso_week      INTEGER NOT NULL,
    iso_weekday   INTEGER NOT NULL,  -- 1 = Monday ... 7 = Sunday
    weekday_name  VARCHAR NOT NULL,
    is_weekend    BOOLEAN NOT NULL,
    week_start    DATE NOT NULL,     -- the Monday of the ISO week
    month_start   DATE NOT NULL
);
