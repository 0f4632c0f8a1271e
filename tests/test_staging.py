"""Staging: decoding, furniture, publication dates, quarantine, duplicates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsevents import staging
from schemas import Article, QuarantinedInput

from .conftest import SEEDS


@pytest.mark.parametrize(
    ("text", "expected", "how"),
    [
        (" date 2020-02-22 Putin, Erdogan talk\nBody.", dt.date(2020, 2, 22), "text_stamp"),
        (
            "Title\n\nBody text.\n\nUpdated: August 27, 2019 10:28 PM\n",
            dt.date(2019, 8, 27),
            "updated_line",
        ),
        ("Published: 3 March 2021\nBody.", dt.date(2021, 3, 3), "updated_line"),
        ("WASHINGTON, Feb. 7, 2020 (Reuters) - Officials met.", dt.date(2020, 2, 7), "dateline"),
        # A saved page's banner date is when it was saved, never the publication date.
        ("Abu Dhabi, UAEFriday 25 September 2020\n\nStory text.", None, "none"),
        ("No date anywhere in this text.", None, "none"),
    ],
)
def test_find_published(text: str, expected: dt.date | None, how: str) -> None:
    assert staging.find_published(text) == (expected, how)


def test_seed_004_uses_updated_line_not_saved_banner() -> None:
    text = (SEEDS / "004_3c68401bbd99f25e.txt").read_text(encoding="utf-8")
    assert staging.find_published(text) == (dt.date(2019, 8, 27), "updated_line")


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Related Articles",
        "Back to top button",
        "Read More »",
        "Sign up to our daily email",
        "Editor's Picks",
        "Most Popular",
    ],
)
def test_furniture_lines_leave_body(line: str) -> None:
    text = f"{line}\nThe minister said on Monday that talks would resume.\n"
    spans = staging.body_spans(text)
    kept = [text[s.start : s.end] for s in spans]
    assert kept == ["The minister said on Monday that talks would resume."]


def test_body_spans_keep_offsets_and_drop_repeated_caption() -> None:
    caption = "A long photo caption describing two presidents at an air show, AP"
    text = f"Headline\n\n{caption}\n{caption}\n\nBody sentence.\n"
    spans = staging.body_spans(text)
    kept = [text[s.start : s.end] for s in spans]
    assert kept == ["Headline", caption, "Body sentence."]


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"   \n\t ", "empty"), (b"abc\x00def", "binary")],
)
def test_bad_bytes_are_quarantined(tmp_path: Path, data: bytes, reason: str) -> None:
    (tmp_path / "bad.txt").write_bytes(data)
    (tmp_path / "good.txt").write_text("The army said it shelled the town.\n", encoding="utf-8")
    result = staging.stage_directory(tmp_path)
    assert [a.article_id for a in result.articles] == ["good"]
    assert [(q.article_id, q.reason) for q in result.quarantined] == [("bad", reason)]


def test_bom_and_cp1252_decode() -> None:
    assert staging.decode("\ufeffHello".encode()) == ("Hello", None)
    assert staging.decode("“quoted”".encode("cp1252")) == ("“quoted”", None)


def test_manifest_dates_and_problems(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Troops were sent to the border.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Officials met in Geneva.\n", encoding="utf-8")
    (tmp_path / "articles.csv").write_text(
        "article_id,source,title,published,url\n"
        "a,Wire,Title A,2020-02-07,http://x/a\n"
        "b,Wire,Title B,07/02/2020,\n"
        "c,Wire,Missing,2020-02-07,\n",
        encoding="utf-8",
    )
    result = staging.stage_directory(tmp_path)
    (art,) = result.articles
    assert (art.article_id, art.published, art.published_how, art.source, art.url) == (
        "a",
        dt.date(2020, 2, 7),
        "manifest",
        "Wire",
        "http://x/a",
    )
    reasons = sorted((q.article_id, q.reason) for q in result.quarantined)
    assert reasons == [("b", "bad_manifest_date"), ("c", "unknown_article")]


def test_future_date_is_quarantined() -> None:
    got = staging.stage_text("x", "date 2031-01-01 Text.\nBody.", today=dt.date(2026, 1, 1))
    assert isinstance(got, QuarantinedInput) and got.reason == "future_date"


def test_duplicate_content_stored_once(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / f"{name}.txt").write_text("Same text about a summit.\n", encoding="utf-8")
    result = staging.stage_directory(tmp_path)
    assert [a.article_id for a in result.articles] == ["one"]
    (dup,) = result.quarantined
    assert (dup.article_id, dup.reason) == ("two", "duplicate_content")
    assert "'one'" in dup.message


def test_seeds_stage_with_manifest_dates() -> None:
    result = staging.stage_directory(SEEDS)
    assert not result.quarantined
    dates = {a.article_id[:3]: a.published for a in result.articles}
    assert dates == {
        "000": dt.date(2020, 2, 26),
        "001": dt.date(2020, 2, 15),
        "002": dt.date(2020, 2, 7),
        "003": dt.date(2020, 2, 22),
        "004": dt.date(2019, 8, 27),
    }
    for art in result.articles:
        assert isinstance(art, Article)
        assert len(art.content_hash) == 64
        for span in art.body:  # offsets index the raw text
            assert art.raw_text[span.start : span.end].strip()
