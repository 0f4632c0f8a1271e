"""Backfill planning: cut an archive into publication-date batches (date windows).

Pure functions: the ``backfill`` flow in ``flows/backfill.py`` only wires them. Which
files to stage (a folder or a glob) is staging's: :func:`newsevents.staging.iter_input`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from newsevents.staging import Unread
from newsevents.values import date_range
from schemas import Article

UNDATED = "undated"
Dated = TypeVar("Dated", Article, Unread)


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

    def holds(self, article: Article | Unread) -> bool:
        """Whether the article belongs to this batch."""
        if self.undated:
            return article.published is None
        return article.published is not None and self.start <= article.published <= self.end


def plan_windows(
    articles: Iterable[Article | Unread],
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
    date_range(start, end, names=("start", "end"))
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
