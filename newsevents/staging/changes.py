"""What a staged window changes: the articles to extract, and the rest.

The flow's ``ingest`` task and the run's preflight both ask this of each window, through
:func:`window_changes`; only the lookup of what the warehouse holds differs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsevents.staging.batching import StagedBatch
from newsevents.staging.scan import FileStat
from schemas import Article, QuarantinedInput

if TYPE_CHECKING:  # the warehouse imports staging
    from newsevents.warehouse import LoadedArticle

Loaded = Callable[[list[str]], dict[str, "LoadedArticle"]]
"""Given article ids, what the warehouse holds of them, by id."""


def needs_extraction(
    articles: Iterable[Article],
    loaded: dict[str, LoadedArticle],
    extractor_version: str,
    *,
    reprocess: bool = False,
) -> tuple[list[Article], list[Article]]:
    """Split staged articles into ``(to_extract, unchanged)``.

    An article is unchanged when the warehouse holds the same content hash,
    extracted by the same extractor version; ``reprocess`` only forces
    re-extraction of articles whose extractor version differs.
    """
    todo, same = [], []
    for art in articles:
        prev = loaded.get(art.article_id)
        fresh = prev is not None and prev.content_hash == art.content_hash
        if fresh and (prev.extractor_version == extractor_version or not reprocess):
            same.append(art)
        else:
            todo.append(art)
    return todo, same


@dataclass
class Ingested:
    """What ``ingest`` found in one window: articles to extract, the rest, and what to record."""

    todo: list[Article] = field(default_factory=list)
    unchanged: int = 0
    quarantined: list[QuarantinedInput] = field(default_factory=list)
    files: list[tuple[FileStat, str]] = field(default_factory=list)
    staged: int = 0


def window_changes(part: StagedBatch, loaded: Loaded, version: str | None = None) -> Ingested:
    """Which of the window's read articles need extraction, the warehouse asked about them only.

    ``version`` is the current extractor version under ``--reprocess``: an article another
    version extracted is extracted again. Without it, as in a run without ``--reprocess``,
    versions are not compared. The lookup is not called for a window with no article read.
    """
    todo: list[Article] = []
    same: list[Article] = []
    if part.articles:
        held = loaded([a.article_id for a in part.articles])
        reprocess = version is not None
        todo, same = needs_extraction(part.articles, held, version or "", reprocess=reprocess)
    return Ingested(
        todo=todo,
        unchanged=len(same) + len(part.unread),
        quarantined=part.quarantined,
        files=part.files,
        staged=len(part),
    )
