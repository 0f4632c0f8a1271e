"""The DuckDB warehouse: schema migration, transactional loads, checks and reads.

All SQL lives in ``sql/``; values are always bound as named parameters. DuckDB allows one
writer process per file, so every write goes through :func:`load` from a single task, and
readers open the file read-only. The modules beside this one:

- ``connection``: opening the file (lock retries, room on disk), transactions, and running
  SQL files with values bound by name;
- ``schema``: the numbered DDL files, the views and the country codes (:func:`migrate`);
- ``loading``: :func:`load` and the derived tables it rebuilds (:func:`rebuild_events`,
  incrementally or in full; what it did: :class:`RebuildStats`);
- ``reading``: data checks, exports, checksums and queries.
"""

from newsevents.warehouse.connection import (
    WarehouseError,
    connect,
    insert_rows,
    read_sql,
    records,
    rows_named,
    sql_dir,
    transaction,
    user_sql_config,
)
from newsevents.warehouse.loading import (
    LoadedArticle,
    RebuildStats,
    actor_key,
    derived_stale,
    finish,
    key,
    known_files,
    load,
    loaded_articles,
    location_key,
    mention_records,
    new_quarantine,
    quarantine_key,
    rebuild_events,
    record_files,
)
from newsevents.warehouse.reading import (
    EXPORT_FORMATS,
    EXPORT_VIEWS,
    Check,
    export,
    export_rows,
    load_checks,
    named_query,
    parse_check,
    run_checks,
    run_query,
    table_checksums,
)
from newsevents.warehouse.schema import country_codes, migrate

__all__ = [
    "EXPORT_FORMATS",
    "EXPORT_VIEWS",
    "Check",
    "LoadedArticle",
    "RebuildStats",
    "WarehouseError",
    "actor_key",
    "connect",
    "country_codes",
    "derived_stale",
    "export",
    "export_rows",
    "finish",
    "insert_rows",
    "key",
    "known_files",
    "load",
    "load_checks",
    "loaded_articles",
    "location_key",
    "mention_records",
    "migrate",
    "named_query",
    "new_quarantine",
    "parse_check",
    "quarantine_key",
    "read_sql",
    "rebuild_events",
    "record_files",
    "records",
    "rows_named",
    "run_checks",
    "run_query",
    "sql_dir",
    "table_checksums",
    "transaction",
    "user_sql_config",
]
