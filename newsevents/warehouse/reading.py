"""Reading the warehouse: data checks, exports, table checksums and named or user queries."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import cast, get_args

import duckdb

from newsevents.values import json_default
from newsevents.warehouse.connection import WarehouseError, records, sql_dir
from schemas import CheckResult, CheckSeverity

SEVERITIES: tuple[str, ...] = get_args(CheckSeverity)
_HEADER_KEY = re.compile(r"--\s*(severity|why)\s*:\s*(.*?)\s*$")


@dataclass(frozen=True)
class Check:
    """One data check of ``sql/checks/``: the SQL returning offending rows, and its header."""

    name: str
    severity: CheckSeverity
    why: str
    sql: str


def parse_check(name: str, sql: str) -> Check:
    """Read a check's ``-- severity: warn|error`` and ``-- why: ...`` from its leading comments.

    Only the comment lines before the first SQL line count. A missing, repeated or unknown
    severity raises :class:`WarehouseError`: a check nobody classified must not silently
    pass or fail runs.
    """
    found: dict[str, list[str]] = {"severity": [], "why": []}
    for line in sql.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("--"):
            break
        if m := _HEADER_KEY.fullmatch(line):
            found[m.group(1)].append(m.group(2))
    severities = found["severity"]
    if len(severities) != 1:
        problem = "no" if not severities else f"{len(severities)}"
        raise WarehouseError(
            f"data check {name}: {problem} '-- severity: warn|error' lines in its header"
        )
    severity = severities[0]
    if severity not in SEVERITIES:
        raise WarehouseError(
            f"data check {name}: unknown severity {severity!r} (use warn or error)"
        )
    return Check(name, cast(CheckSeverity, severity), " ".join(found["why"]), sql)


def load_checks(folder: Path | None = None) -> list[Check]:
    """Every data check in ``folder`` (``sql/checks/``), by name; fails on a bad header."""
    folder = folder or sql_dir() / "checks"
    return [
        parse_check(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.sql"))
    ]


def run_checks(
    con: duckdb.DuckDBPyConnection, checks: list[Check] | None = None
) -> list[CheckResult]:
    """Run every data check (those of ``sql/checks/`` by default): rows flagged, by name.

    Every check's header is read before any runs, so a bad one fails before any work.
    """
    checks = load_checks() if checks is None else checks
    return [
        CheckResult(name=c.name, severity=c.severity, rows=len(con.execute(c.sql).fetchall()))
        for c in checks
    ]


def export_rows(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Rows of ``v_event_export`` as JSON-ready dicts (the export contract)."""
    return records(con.execute("SELECT * FROM v_event_export"))


EXPORT_FORMATS = ("jsonl", "csv", "parquet")


EXPORT_VIEWS = {"mentions": "v_event_export", "events": "v_event_export_events"}


def export(
    con: duckdb.DuckDBPyConnection, out: Path, fmt: str = "jsonl", what: str = "mentions"
) -> int:
    """Write the mentions (``v_event_export``) or events (``v_event_export_events``) to ``out``.

    jsonl writes one JSON object a line (the mentions export is the guideline contract);
    csv and parquet are written by DuckDB from a relation, whose writers take the path as a
    Python string, so the path is never spliced into SQL. Returns the number of rows.
    """
    if fmt not in EXPORT_FORMATS:
        raise WarehouseError(
            f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}"
        )
    if what not in EXPORT_VIEWS:
        raise WarehouseError(f"unknown export {what!r}: use one of {', '.join(EXPORT_VIEWS)}")
    if out.is_dir():
        raise WarehouseError(f"{out} is a folder: give a file name to export to")
    if not out.parent.is_dir():
        raise WarehouseError(f"cannot export to {out}: the folder {out.parent} does not exist")
    rel = con.sql(f"SELECT * FROM {_ident(EXPORT_VIEWS[what])}")
    if fmt == "csv":
        rel = con.sql(_flat_select(rel, EXPORT_VIEWS[what]))
    if fmt == "jsonl":
        cols = rel.columns
        rows = [dict(zip(cols, r, strict=True)) for r in rel.fetchall()]
        try:
            with out.open("w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False, default=json_default) + "\n")
        except OSError as exc:
            raise WarehouseError(f"cannot write {out}: {exc.strerror}") from exc
        return len(rows)
    try:
        if fmt == "csv":
            rel.write_csv(str(out), header=True)
        else:
            rel.write_parquet(str(out))
    except duckdb.IOException as exc:
        raise WarehouseError(f"cannot write {out}: {exc}") from exc
    (count,) = con.execute(f"SELECT count(*) FROM {_ident(EXPORT_VIEWS[what])}").fetchall()[0]
    return int(count)


def _flat_select(rel: duckdb.DuckDBPyRelation, view: str) -> str:
    """SQL selecting ``view`` with struct fields as ``col_field`` columns and lists joined by
    ``;`` (CSV has no nested values)."""
    items = []
    for col, typ in zip(rel.columns, rel.types, strict=True):
        if typ.id == "struct":
            items += [
                f"{_ident(col)}.{_ident(f)} AS {_ident(f'{col}_{f}')}" for f, _ in typ.children
            ]
        elif typ.id == "list":
            items.append(f"array_to_string({_ident(col)}, ';') AS {_ident(col)}")
        else:
            items.append(_ident(col))
    return f"SELECT {', '.join(items)} FROM {_ident(view)}"


def table_checksums(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent content checksum of every base table."""
    tables = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
    ]
    out = {}
    for name in tables:
        count, digest = con.execute(
            f"SELECT count(*), coalesce(bit_xor(hash(t)), 0)::VARCHAR FROM {_ident(name)} AS t"
        ).fetchone()
        out[name] = (count, digest)
    return out


def _ident(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ValueError(f"not a plain identifier: {name!r}")
    return f'"{name}"'


def named_query(name: str) -> str | None:
    """The SQL of ``sql/queries/NAME.sql``, or None when ``name`` is not a query name."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        return None
    path = sql_dir() / "queries" / f"{name}.sql"
    return path.read_text(encoding="utf-8") if path.exists() else None


def run_query(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, str] | None = None
) -> tuple[list[str], list[tuple]]:
    """Run one query with named parameters bound (``$name`` in the SQL)."""
    cur = con.execute(sql, params) if params else con.execute(sql)
    if cur.description is None:
        return [], []
    return [d[0] for d in cur.description], cur.fetchall()
