"""Group staged items: windows of the input for the flow, or the whole input at once; and a
window's articles into extraction batches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.staging.scan import FileStat, StagedItem, Unread, iter_input, iter_stage
from schemas import Article, QuarantinedInput


@dataclass
class StagedBatch:
    """One window of staged input: up to ``size`` articles, read or unread, and quarantines."""

    articles: list[Article] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    quarantined: list[QuarantinedInput] = field(default_factory=list)
    files: list[tuple[FileStat, str]] = field(default_factory=list)
    """The manifest rows of the articles read from files: each file's stat and content hash."""

    def __len__(self) -> int:
        return len(self.articles) + len(self.unread)


# A window is also cut at this many quarantined inputs: a folder whose articles.csv lists a
# million ids with no file would otherwise hand them all over in one window.
QUARANTINE_WINDOW = 10_000


def batched(
    items: Iterable[tuple[StagedItem, FileStat | None]], size: int
) -> Iterator[StagedBatch]:
    """Group staged items into windows of ``size`` articles (quarantined inputs ride along,
    at most :data:`QUARANTINE_WINDOW` of them a window)."""
    batch = StagedBatch()
    for item, stat in items:
        if isinstance(item, Article):
            batch.articles.append(item)
            if stat is not None:
                batch.files.append((stat, item.content_hash))
        elif isinstance(item, Unread):
            batch.unread.append(item)
        else:
            batch.quarantined.append(item)
        if len(batch) >= size or len(batch.quarantined) >= QUARANTINE_WINDOW:
            yield batch
            batch = StagedBatch()
    if len(batch) or batch.quarantined:
        yield batch


@dataclass
class StagingResult:
    """Articles staged from one input, plus the inputs quarantined on the way."""

    articles: list[Article] = field(default_factory=list)
    quarantined: list[QuarantinedInput] = field(default_factory=list)

    def add(self, item: Article | QuarantinedInput) -> None:
        """Append an article or a quarantined input to the right list."""
        if isinstance(item, Article):
            self.articles.append(item)
        else:
            self.quarantined.append(item)


def collect(items: Iterable[tuple[StagedItem, FileStat | None]]) -> StagingResult:
    """Every staged item in one result, duplicate-content quarantines last (as listed before)."""
    result = StagingResult()
    dupes: list[QuarantinedInput] = []
    for item, _ in items:
        if isinstance(item, Unread):
            raise TypeError("collect() holds staged articles only; stage without `known`")
        if isinstance(item, QuarantinedInput) and item.reason == "duplicate_content":
            dupes.append(item)
        else:
            result.add(item)
    result.quarantined.extend(dupes)
    return result


def stage_directory(
    folder: Path, *, max_bytes: int = 5_000_000, today: dt.date | None = None
) -> StagingResult:
    """Stage every article input in ``folder`` at once (see :func:`iter_stage`).

    This holds every article's text; the pipeline streams with :func:`iter_stage`.
    """
    return collect(iter_stage(folder, max_bytes=max_bytes, today=today))


def stage_input(pattern: str, *, max_bytes: int) -> StagingResult:
    """Stage a folder or a glob all at once (see :func:`iter_input`); holds every article."""
    return collect(iter_input(pattern, max_bytes=max_bytes))


def batches(items: Sequence[Article], size: int) -> list[list[Article]]:
    """Split into batches of at most ``size`` (the unit of one extraction task)."""
    return [list(items[i : i + size]) for i in range(0, len(items), size)]
