"""Article metadata: ``articles.csv``, sidecars, a page's tags, their precedence, and the
publication date a text states."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from newsevents.staging.reasons import bad_id, id_problem, quarantine
from schemas import PublishedHow, QuarantinedInput

MANIFEST = "articles.csv"

# "date YYYY-MM-DD" opening a text: the date stamp some archives put before the headline
DATE_STAMP = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
_MONTH_RE = r"(?P<month>(?i:" + "|".join(m[:3] + r"[a-z]*\.?" for m in _MONTHS) + r"))"
_UPDATED = re.compile(
    r"^\s*(?:updated|published|posted|first\ published)\s*(?:on)?\s*:?\s*"
    + r"(?:\w+day,?\s+)?(?:"
    + _MONTH_RE
    + r"\s+(?P<d1>\d{1,2}),?\s+(?P<y1>\d{4})|(?P<d2>\d{1,2})\s+"
    + _MONTH_RE.replace("month", "month2")
    + r",?\s+(?P<y2>\d{4})|(?P<iso>\d{4}-\d{2}-\d{2}))",
    re.IGNORECASE | re.VERBOSE,
)
# "WASHINGTON, Feb. 7, 2020 (Reuters) -" and similar datelines with a full date.
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'/-]{1,40},\s+"
    + _MONTH_RE
    + r"\s+(?P<d1>\d{1,2}),\s+(?P<y1>\d{4})\s*(?:\([A-Za-z .]+\))?\s*[-–—]",
)


class ManifestRow(NamedTuple):
    """One row of ``articles.csv``; ``published_raw`` is kept for error messages.

    A named tuple: a million-row ``articles.csv`` is held as one of these per row, and a
    tuple is both smaller and several times quicker to build than a frozen dataclass.
    """

    article_id: str
    source: str | None = None
    title: str | None = None
    published_raw: str | None = None
    url: str | None = None
    path: str | None = None
    """Optional ``path`` column: the article's file, relative to the input folder."""
    how: PublishedHow = "manifest"
    origin: str = MANIFEST
    """Where the row came from, for messages (``articles.csv``, a sidecar, a JSONL line)."""


def read_manifest(path: Path) -> tuple[dict[str, ManifestRow], list[QuarantinedInput]]:
    """Read ``articles.csv`` (``article_id,source,title,published,url[,path]``; extras ignored).

    Returns the rows by article id, and a ``bad_id`` quarantine for each row whose id is
    not a valid id (see :func:`id_problem`).
    """
    rows: dict[str, ManifestRow] = {}
    bad: list[QuarantinedInput] = []
    names = ("article_id", "source", "title", "published", "url", "path")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        # csv.reader with column positions rather than DictReader: a dict per row is
        # most of the cost of a 100k-row manifest
        reader = csv.reader(fh)
        header = next(reader, [])
        at = {name: i for i, name in enumerate(header)}  # a repeated column: the last wins
        width = len(header)
        # an absent column reads the blank cell padded on at index ``width``
        i_art, i_src, i_title, i_pub, i_url, i_path = (at.get(n, width) for n in names)
        pad = [""] * (width + 1)
        for rec in reader:
            if not rec:
                continue  # DictReader skips blank lines too
            if len(rec) <= width:
                rec += pad[len(rec) :]
            art = rec[i_art].strip()
            if not art:
                continue
            if problem := id_problem(art):
                where = f"{path}:{reader.line_num}"
                bad.append(bad_id(where, f"{MANIFEST} line {reader.line_num}: id", art, problem))
                continue
            rows[art] = ManifestRow(
                art,
                # the same source and date recur across rows: one string each, not one a row
                sys.intern(rec[i_src].strip()) or None,
                rec[i_title].strip() or None,
                sys.intern(rec[i_pub].strip()) or None,
                rec[i_url].strip() or None,
                rec[i_path].strip() or None,
            )
    return rows, bad


def blank_none(value: str | None) -> str | None:
    """``value`` stripped, or None when that leaves nothing."""
    value = (value or "").strip()
    return value or None


def iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield ``(start, end, line)`` for each line, ``end`` excluding the newline."""
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body), body
        pos += len(line)


def _month_number(token: str) -> int:
    return _MONTHS[next(m for m in _MONTHS if token.lower().startswith(m[:3]))]


def find_published(text: str) -> tuple[dt.date | None, PublishedHow]:
    """Find the publication date in the text itself.

    Looks, in order of trust, for a leading ``date YYYY-MM-DD`` stamp, an
    ``Updated:``/``Published:`` line and a dateline with a full date. A bare
    date at the top of a saved page is the day it was saved, not published,
    so it is never used.
    """
    lines = list(iter_lines(text))
    for _, _, line in lines[:3]:
        if m := DATE_STAMP.match(line):
            if parsed := safe_date(m.group(1)):
                return parsed, "text_stamp"
    for _, _, line in lines:
        if m := _UPDATED.match(line):
            if parsed := _date_from_match(m):
                return parsed, "updated_line"
    for _, _, line in lines[:15]:
        if m := _DATELINE.match(line.strip()):
            if parsed := _date_from_match(m):
                return parsed, "dateline"
    return None, "none"


def _date_from_match(m: re.Match[str]) -> dt.date | None:
    groups = m.groupdict()
    if groups.get("iso"):
        return safe_date(groups["iso"])
    try:
        if groups.get("y1"):
            return dt.date(int(groups["y1"]), _month_number(groups["month"]), int(groups["d1"]))
        if groups.get("y2"):
            return dt.date(int(groups["y2"]), _month_number(groups["month2"]), int(groups["d2"]))
    except (ValueError, StopIteration):
        return None
    return None


def safe_date(value: str) -> dt.date | None:
    """The ``YYYY-MM-DD`` date ``value`` starts with, or None (a time after it is ignored)."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class PageMeta:
    """Metadata read from a page's own tags (each None when the page lacks it)."""

    title: str | None = None
    published_raw: str | None = None
    url: str | None = None
    source: str | None = None


def merge_meta(*rows: ManifestRow | PageMeta | None) -> ManifestRow | None:
    """Field-wise merge, earlier rows winning; the publication date keeps its origin."""
    present = [r for r in rows if r is not None]
    if not present:
        return None
    # one constructor call: staging merges once per file, 100k times for a large folder
    fields: dict[str, str | None] = {"article_id": "", "how": "none", "origin": ""}
    for row in reversed(present):
        for k in ("source", "title", "url"):
            if (value := getattr(row, k, None)) is not None:
                fields[k] = value
        if row.published_raw:
            fields["published_raw"] = row.published_raw
            fields["how"] = row.how if isinstance(row, ManifestRow) else "page_meta"
            fields["origin"] = row.origin if isinstance(row, ManifestRow) else "the page's tags"
        if isinstance(row, ManifestRow) and row.article_id:
            fields["article_id"] = row.article_id
    return ManifestRow(**fields)  # type: ignore[arg-type]


def read_sidecar(path: Path, article_id: str) -> ManifestRow | QuarantinedInput:
    """Read ``NAME.json`` metadata (``source``, ``title``, ``published``, ``url``)."""
    try:
        rec = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return quarantine(
            str(path), "bad_sidecar", f"{path.name} is not valid JSON: {exc}", article_id
        )
    if not isinstance(rec, dict):
        return quarantine(str(path), "bad_sidecar", f"{path.name} is not a JSON object", article_id)
    return json_meta(rec, article_id, "sidecar", path.name)


def json_meta(
    rec: dict[str, object], article_id: str, how: PublishedHow, origin: str
) -> ManifestRow:
    """The metadata fields of a JSON object (a sidecar, a JSONL record) as a row."""
    return ManifestRow(
        article_id=article_id,
        source=_str_field(rec.get("source")),
        title=_str_field(rec.get("title")),
        published_raw=_str_field(rec.get("published")),
        url=_str_field(rec.get("url")),
        how=how,
        origin=origin,
    )


def _str_field(value: object) -> str | None:
    """A JSON field as metadata text: a string stripped, anything else as its JSON."""
    if value is None:
        return None
    return blank_none(value if isinstance(value, str) else json.dumps(value))


def meta_key(sidecar: ManifestRow | None, listed: ManifestRow | None) -> str:
    """A digest of the metadata rows an article file is staged with (sidecar, articles.csv).

    It digests the rows rather than their merge, so a skipped file needs no merge.
    """
    raw = f"{_meta_text(sidecar)}\x1e{_meta_text(listed)}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _meta_text(r: ManifestRow | None) -> str:
    if r is None:
        return "-"
    return f"{r.source}\x1f{r.title}\x1f{r.published_raw}\x1f{r.url}\x1f{r.path}"
