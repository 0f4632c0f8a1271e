"""The warehouse's schema: numbered DDL files applied once, views, and the country codes."""

from __future__ import annotations

import duckdb

from newsevents.lexicon import read_tsv
from newsevents.warehouse.connection import insert_rows, read_sql, sql_dir, transaction


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the numbered DDL files not yet recorded in ``schema_version``; return those applied."""
    con.execute(read_sql("ddl/001_schema_version.sql"))
    done = {row[0] for row in con.execute("SELECT version FROM schema_version").fetchall()}
    applied = []
    for path in sorted((sql_dir() / "ddl").glob("[0-9][0-9][0-9]_*.sql")):
        version = int(path.name[:3])
        if version in done:
            continue
        with transaction(con):
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(
                "INSERT INTO schema_version (version, name) VALUES ($version, $name)",
                {"version": version, "name": path.stem},
            )
        applied.append(version)
    for path in sorted((sql_dir() / "views").glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))
    _seed_countries(con)
    return applied


def country_codes() -> list[tuple[str, str, str]]:
    """Valid actor country codes as ``(code, name, kind)``: ISO-3 countries, then IGO bodies."""
    rows = {r[0]: (r[0], r[1].split("|")[0], "country") for r in read_tsv("countries.tsv")}
    for r in read_tsv("igos.tsv"):
        rows.setdefault(r[0], (r[0], r[1], "igo"))
    return sorted(rows.values())


def _seed_countries(con: duckdb.DuckDBPyConnection) -> None:
    # refreshed from the data files on every migrate; same content gives the same checksum
    wanted = country_codes()
    held = con.execute("SELECT country_code, name, kind FROM dim_country ORDER BY 1").fetchall()
    if held == wanted:
        return
    with transaction(con):
        con.execute("DELETE FROM dim_country")
        insert_rows(
            con,
            "dml/insert_dim_country.sql",
            [{"country_code": code, "name": name, "kind": kind} for code, name, kind in wanted],
        )
