"""Backfill planning: choose input files and cut an archive into publication-date batches.

Pure functions: the ``backfill`` flow in ``flows/backfill.py`` only wires them.
"""

from __future__ import annotations

import datetime as dt
import glob
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from newsevents import staging
from schemas import Article, QuarantinedInput

UNDATED = "undated"
Dated = TypeVar("Dated", Article, staging.Unread)


@dataclass(frozen=True)
class Window:
    """One backfill batch: publication dates ``start..end`` inclusive, or the undated batch."""

    start: dt.date | None
    end: dt.date | None

    @property
    def undated(self) -> bool:
        return self.start is None

    @property
    def label(self) -> str:
        """The batch name shown in the Prefect UI, e.g. ``2020-02-01..2020-02-07``."""
        return UNDATED if self.undated else f"{self.start}..{self.end}"

    def holds(self, article: Article | staging.Unread) -> bool:
        """Whether the article belongs to this batch."""
        if self.undated:
            return article.published is None
        return article.published is not None and self.start <= article.published <= self.end


def is_glob(pattern: str) -> bool:
    """Whether ``pattern`` is a glob rather than a plain folder path."""
    return any(ch in pattern for ch in "*?[")


ARTICLE_SUFFIXES = staging.TEXT_SUFFIXES + staging.HTML_SUFFIXES + staging.JSONL_SUFFIXES


def _from_file(source_path: str | None, chosen: set[str]) -> bool:
    # A JSONL record's source path is "FILE:LINE".
    where = source_path or ""
    return where in chosen or where.rsplit(":", 1)[0] in chosen


def iter_input(
    pattern: str,
    *,
    max_bytes: int,
    known: staging.Known | None = None,
    today: dt.date | None = None,
) -> Iterator[tuple[staging.StagedItem, staging.FileStat | None]]:
    """Stage a folder, or the article files a glob matches, one input at a time.

    A folder is staged with its subfolders (nested files' ids carry their folders).
    For a glob, each matched file's folder is staged on its own, without its
    subfolders (the glob chooses those, with ``**``), so a file's id is its name; its
    metadata comes from that folder, and manifest rows of files outside the glob are
    not reported as missing: choosing a subset of a folder is the point of the glob.
    Content repeated across folders is quarantined as a duplicate too. See
    :func:`staging.iter_stage`.
    """
    if not is_glob(pattern):
        yield from staging.iter_stage(Path(pattern), max_bytes=max_bytes, known=known, today=today)
        return
    chosen = {
        str(Path(p).resolve())
        for p in glob.glob(pattern, recursive=True)
        if Path(p).suffix.lower() in ARTICLE_SUFFIXES and Path(p).is_file()
    }
    content = staging.ContentSeen()
    ids: set[str] = set()  # staged from an earlier folder: x.txt in two folders is one id
    for folder in sorted({str(Path(p).parent) for p in chosen}):
        items = staging.iter_stage(
            Path(folder), max_bytes=max_bytes, known=known, today=today, recursive=False
        )
        for item, stat in items:
            if not _from_file(item.source_path, chosen):
                continue
            dup = None
            if not isinstance(item, QuarantinedInput):
                dup = _id_taken(item, ids) or content.check(item)
                ids.add(item.article_id)
            yield (dup, None) if dup else (item, stat)


def _id_taken(item: Article | staging.Unread, ids: set[str]) -> QuarantinedInput | None:
    if item.article_id not in ids:
        return None
    return QuarantinedInput(
        source_path=item.source_path or item.article_id,
        article_id=item.article_id,
        reason="duplicate_id",
        message=f"article id {item.article_id!r} was already staged from another folder; "
        "this one is skipped",
    )


def stage_input(pattern: str, *, max_bytes: int) -> staging.StagingResult:
    """Stage a folder or a glob all at once (see :func:`iter_input`); holds every article."""
    return staging.collect(iter_input(pattern, max_bytes=max_bytes))


def plan_windows(
    articles: Iterable[Article | staging.Unread],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    batch_days: int = 7,
) -> list[Window]:
    """The non-empty batches covering ``start..end``, ``batch_days`` long, aligned to ``start``.

    An open side of the range takes the earliest or latest publication date
    found. Articles without a publication date form one ``undated`` batch, but
    only when no range is given: a date range cannot say whether they belong.
    """
    if batch_days < 1:
        raise ValueError(f"batch_days must be at least 1, not {batch_days}")
    if start and end and end < start:
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    arts = list(articles)
    dates = sorted(a.published for a in arts if a.published is not None)
    windows: list[Window] = []
    if dates:
        lo = start or dates[0]
        hi = end or dates[-1]
        # Only batches that hold an article: an empty week is no run to retry.
        slots = sorted({(d - lo).days // batch_days for d in dates if lo <= d <= hi})
        for slot in slots:
            first = lo + dt.timedelta(days=slot * batch_days)
            windows.append(Window(first, min(first + dt.timedelta(days=batch_days - 1), hi)))
    if start is None and end is None and any(a.published is None for a in arts):
        windows.append(Window(None, None))
    return windows


def select(articles: Sequence[Dated], window: Window) -> list[Dated]:
    """The articles (read or unread) of one batch, in input order."""
    return [a for a in articles if window.holds(a)]
