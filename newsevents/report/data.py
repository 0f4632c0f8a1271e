"""What a report shows, read from the warehouse: the filter, and the rows of ``sql/report/``."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb

from newsevents.values import date_range
from newsevents.warehouse import load_checks, read_sql, records, run_checks
from schemas import CheckResult

EVENT_TYPES = ("attack", "talks", "statement", "deployment")
_ISO3 = re.compile(r"[A-Za-z]{3}")
_PARAM = re.compile(r"\$([A-Za-z_]\w*)")


@dataclass(frozen=True)
class ReportFilter:
    """Which events a report covers: event dates in ``[start, end]`` and one country.

    A date bound leaves out undated events; the country matches the actor's, the target's
    or the place's country.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    country: str | None = None

    @classmethod
    def parse(
        cls, start: str | None = None, end: str | None = None, country: str | None = None
    ) -> ReportFilter:
        """Validate command-line values; raises ValueError with a message for the user."""
        first, last = date_range(start, end)
        if country is not None and not _ISO3.fullmatch(country):
            raise ValueError(f"--country {country!r} is not an ISO-3 code such as TUR")
        return cls(first, last, country.upper() if country else None)

    def params(self) -> dict[str, str | None]:
        """The bound parameters of the ``sql/report`` queries."""
        return {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "country": self.country,
        }

    def describe(self) -> str:
        """A short description, e.g. ``2020-02-01 to 2020-02-29, country TUR``."""
        parts = []
        if self.start or self.end:
            parts.append(f"{self.start or 'the first event'} to {self.end or 'the last event'}")
        if self.country:
            parts.append(f"country {self.country}")
        return ", ".join(parts) or "all events"


@dataclass
class ReportData:
    """Everything a report shows, as read from the warehouse by :func:`collect`."""

    filter: ReportFilter
    events: list[dict[str, Any]]
    daily: list[dict[str, Any]]
    dyads: list[dict[str, Any]]
    locations: list[dict[str, Any]]
    articles: list[dict[str, Any]]
    unresolved: list[dict[str, Any]] = field(default_factory=list)
    undated: list[dict[str, Any]] = field(default_factory=list)
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    checks: list[CheckResult] | None = None
    """Every data check with its severity and offending rows; None when they could not run."""
    checks_why: dict[str, str] = field(default_factory=dict)
    """Why each check has its severity (the ``-- why:`` line of its file)."""
    checks_note: str = ""
    warehouse: str = ""
    generated_at: dt.datetime | None = None

    @property
    def deduplicated_events(self) -> int:
        """Deduplicated events in the filter, dated or not."""
        return sum(r["events"] for r in self.daily)

    def events_by_type(self) -> dict[str, int]:
        """Deduplicated events per type, in the fixed type order."""
        counts: Counter[str] = Counter()
        for r in self.daily:
            counts[r["type"]] += r["events"]
        return {t: counts[t] for t in type_order(counts)}

    def per_day(self) -> list[tuple[dt.date, dict[str, int]]]:
        """Dated deduplicated events as ``(day, {type: count})`` in date order."""
        days: dict[dt.date, dict[str, int]] = defaultdict(dict)
        for r in self.daily:
            if r["date"] is not None:
                days[r["date"]][r["type"]] = r["events"]
        return sorted(days.items())

    def failing_checks(self) -> dict[str, int]:
        """``error`` data checks (integrity) with offending rows: a run with these exits 4."""
        return {c.name: c.rows for c in self.checks or () if c.severity == "error" and c.rows}

    def warning_checks(self) -> dict[str, int]:
        """``warn`` data checks (extraction quality) with offending rows: counted, not fatal."""
        return {c.name: c.rows for c in self.checks or () if c.severity == "warn" and c.rows}


def type_order(types: Iterable[str]) -> list[str]:
    """The types present, the four event types first in their fixed order, then others sorted."""
    present = set(types)
    return [t for t in EVENT_TYPES if t in present] + sorted(present - set(EVENT_TYPES))


def _rows(con: duckdb.DuckDBPyConnection, name: str, flt: ReportFilter) -> list[dict[str, Any]]:
    """Run ``sql/report/NAME.sql``, binding the filter parameters it uses."""
    sql = read_sql(f"report/{name}.sql")
    wanted = set(_PARAM.findall(sql))
    params = {k: v for k, v in flt.params().items() if k in wanted}
    return records(con.execute(sql, params) if params else con.execute(sql))


def collect(
    con: duckdb.DuckDBPyConnection,
    flt: ReportFilter | None = None,
    *,
    warehouse: str = "",
    now: dt.datetime | None = None,
) -> ReportData:
    """Read everything the report shows; a read-only connection is enough.

    The data-quality parts (unresolved dates, quarantine, checks) cover the whole
    warehouse, whatever the filter.
    """
    flt = flt or ReportFilter()
    # the filter macro the queries share; temporary, so a read-only connection can define it
    con.execute(read_sql("report/filter_macro.sql"))
    data = ReportData(
        filter=flt,
        events=_rows(con, "events", flt),
        daily=_rows(con, "daily_counts", flt),
        dyads=_rows(con, "dyads", flt),
        locations=_rows(con, "locations", flt),
        articles=_rows(con, "articles", flt),
        unresolved=_rows(con, "unresolved_dates", flt),
        undated=_rows(con, "undated_mentions", flt),
        quarantine=_rows(con, "quarantine", flt),
        warehouse=warehouse,
        generated_at=now or dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None),
    )
    checks = load_checks()
    data.checks_why = {c.name: c.why for c in checks}
    try:
        data.checks = run_checks(con, checks)
    except duckdb.Error as exc:  # e.g. a warehouse from an older schema: report without them
        data.checks_note = f"data checks skipped: {str(exc).splitlines()[0]}"
    return data
