"""What a staged window changes (shared by the flow's ingest and the preflight), the glob
test, and the extractor fingerprint over the staging package."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents import staging
from newsevents.warehouse import LoadedArticle
from schemas import Article, QuarantinedInput


def _art(article_id: str, content_hash: str) -> Article:
    return Article(article_id=article_id, raw_text="x", content_hash=content_hash.ljust(16, "0"))


HELD = {
    "same": LoadedArticle("h-same".ljust(16, "0"), "v1"),
    "older": LoadedArticle("h-older".ljust(16, "0"), "v0"),
    "edited": LoadedArticle("h-before".ljust(16, "0"), "v1"),
}
ARTICLES = [
    _art("same", "h-same"),
    _art("older", "h-older"),
    _art("edited", "h-after"),
    _art("new", "h-new"),
]


@pytest.mark.parametrize(
    ("version", "todo"),
    [
        (None, ["edited", "new"]),  # no --reprocess: an older extractor's rows stay
        ("v1", ["older", "edited", "new"]),  # --reprocess under v1: v0's article again
        ("v0", ["same", "edited", "new"]),
    ],
)
def test_window_changes_splits_the_window(version: str | None, todo: list[str]) -> None:
    asked: list[list[str]] = []

    def loaded(ids: list[str]) -> dict[str, LoadedArticle]:
        asked.append(ids)
        return {i: HELD[i] for i in ids if i in HELD}

    unread = staging.Unread("kept", "h-kept", "/in/kept.txt")
    bad = QuarantinedInput(source_path="/in/b.txt", reason="empty", message="empty")
    stat = staging.FileStat("/in/new.txt", "new", 3, 1, "m")
    part = staging.StagedBatch(
        articles=ARTICLES, unread=[unread], quarantined=[bad], files=[(stat, "h-new")]
    )
    found = staging.window_changes(part, loaded, version)
    assert asked == [["same", "older", "edited", "new"]]  # one lookup, this window's ids
    assert [a.article_id for a in found.todo] == todo
    assert found.unchanged == 5 - len(todo)  # the unread file and the articles kept
    assert found.staged == 5
    assert found.quarantined == [bad] and found.files == [(stat, "h-new")]


def test_window_changes_does_not_ask_for_a_window_without_articles() -> None:
    def loaded(ids: list[str]) -> dict[str, LoadedArticle]:
        raise AssertionError("asked the warehouse about no article")

    part = staging.StagedBatch(unread=[staging.Unread("a", "h", "/in/a.txt")])
    found = staging.window_changes(part, loaded, "v1")
    assert (found.todo, found.unchanged, found.staged) == ([], 1, 1)


@pytest.mark.parametrize(
    ("pattern", "glob"),
    [
        ("inbox", False),
        ("/data/archive/2024-05", False),
        ("inbox/*.txt", True),
        ("inbox/**/*.jsonl", True),
        ("inbox/00?_x.txt", True),
        ("inbox/00[12]_*.txt", True),
    ],
)
def test_is_glob(pattern: str, glob: bool) -> None:
    assert staging.is_glob(pattern) == glob


def test_extractor_fingerprint_covers_the_staging_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsevents
    from flows import pipeline

    root = tmp_path / "newsevents"
    (root / "staging").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    module = root / "staging" / "decoding.py"
    module.write_text("A = 1\n")
    monkeypatch.setattr(newsevents, "__file__", str(root / "__init__.py"))
    pipeline.extractor_fingerprint.cache_clear()
    try:
        before = pipeline.extractor_fingerprint()
        module.write_text("A = 2\n")
        pipeline.extractor_fingerprint.cache_clear()
        assert pipeline.extractor_fingerprint() != before
    finally:
        pipeline.extractor_fingerprint.cache_clear()
