"""Values crossing the user's edge: date ranges given as options, and values written as JSON."""

from __future__ import annotations

import datetime as dt


def date_range(
    start: str | dt.date | None,
    end: str | dt.date | None,
    *,
    names: tuple[str, str] = ("--from", "--to"),
) -> tuple[dt.date | None, dt.date | None]:
    """An inclusive range of days from ISO text (``YYYY-MM-DD``) or dates; either side may be open.

    Raises ValueError with a message for the user, which calls the two bounds ``names``.
    """
    bounds = []
    for name, value in zip(names, (start, end), strict=True):
        if value is None or isinstance(value, dt.date):
            bounds.append(value)
            continue
        try:
            bounds.append(dt.date.fromisoformat(value) if value else None)
        except ValueError as exc:
            raise ValueError(f"{name} {value!r} is not a date (YYYY-MM-DD)") from exc
    first, last = bounds
    if first and last and last < first:
        raise ValueError(f"{names[1]} {last} is before {names[0]} {first}")
    return first, last


def json_default(value: object) -> object:
    """``json.dumps``'s ``default``: dates and times as ISO text, other values (decimals,
    intervals) as their text."""
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return str(value)
