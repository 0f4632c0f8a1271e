"""Staging: decoding, furniture, publication dates, quarantine, duplicates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsevents import staging
from newsevents.staging.article import body_spans
from newsevents.staging.decoding import decode, detect_encoding, is_english
from newsevents.staging.html import looks_like_html
from newsevents.staging.metadata import find_published
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
    assert find_published(text) == (expected, how)


def test_seed_004_uses_updated_line_not_saved_banner() -> None:
    text = (SEEDS / "004_3c68401bbd99f25e.txt").read_text(encoding="utf-8")
    assert find_published(text) == (dt.date(2019, 8, 27), "updated_line")


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
    spans = body_spans(text)
    kept = [text[s.start : s.end] for s in spans]
    assert kept == ["The minister said on Monday that talks would resume."]


def test_body_spans_keep_offsets_and_drop_repeated_caption() -> None:
    caption = "A long photo caption describing two presidents at an air show, AP"
    text = f"Headline\n\n{caption}\n{caption}\n\nBody sentence.\n"
    spans = body_spans(text)
    kept = [text[s.start : s.end] for s in spans]
    assert kept == ["Headline", caption, "Body sentence."]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"abc\x00def", "binary"),
        (b"text\x01\x02\x03\x04 with \x05\x06 controls", "binary"),
        (b"Troops \x81\x8d moved \x90\x9d north \xff.", "undecodable"),
    ],
)
def test_bad_bytes_are_quarantined(tmp_path: Path, data: bytes, reason: str) -> None:
    (tmp_path / "bad.txt").write_bytes(data)
    (tmp_path / "good.txt").write_text("The army said it shelled the town.\n", encoding="utf-8")
    result = staging.stage_directory(tmp_path)
    assert [a.article_id for a in result.articles] == ["good"]
    assert [(q.article_id, q.reason) for q in result.quarantined] == [("bad", reason)]


@pytest.mark.parametrize(
    ("data", "text", "codec"),
    [
        ("\ufeffHello".encode(), "Hello", "utf-8-sig"),
        ("Plain “UTF-8”".encode(), "Plain “UTF-8”", "utf-8"),
        # cp1252 is chosen because of its smart quotes, dashes and ellipsis (0x91-0x97, 0x85)
        ("He said “no” — twice…".encode("cp1252"), "He said “no” — twice…", "cp1252"),
        # Latin-1 without C1 bytes reads as accented Western European text
        (
            "Le café à Zürich était fermé.".encode("latin-1"),
            "Le café à Zürich était fermé.",
            "latin-1",
        ),
        ("Hi “x”".encode("utf-16"), "Hi “x”", "utf-16"),
    ],
)
def test_decode_detects_the_encoding(data: bytes, text: str, codec: str) -> None:
    assert detect_encoding(data) == codec
    assert decode(data) == (text, None)


@pytest.mark.parametrize(
    "data",
    [
        b"abc\x81\x93def",  # cp1252 punctuation, but 0x81 is undefined in cp1252
        bytes(range(160, 256)) * 3,  # decodes as Latin-1 but reads as symbol soup
        b"\x8e\x8e\x8e\x8e",  # C1 bytes without cp1252 punctuation
    ],
)
def test_undecidable_bytes_are_undecodable(data: bytes) -> None:
    assert decode(data) == (None, "undecodable")


def test_bom_offsets_count_after_the_bom(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("\ufeffTroops moved north.\n".encode())
    (art,) = staging.stage_directory(tmp_path).articles
    assert art.raw_text.startswith("Troops")
    assert art.raw_text[art.body[0].start : art.body[0].end] == "Troops moved north."


FRENCH = (
    "Le ministre des Affaires étrangères a déclaré mardi que la France ne retirerait pas ses "
    "soldats du Sahel avant la fin de l'année. Selon le ministère, les négociations avec les "
    "autorités de transition se poursuivent à Bamako."
)
ENGLISH = (
    "The foreign minister said on Tuesday that France would not withdraw its soldiers from the "
    "Sahel before the end of the year. According to the ministry, talks with the transitional "
    "authorities are continuing in Bamako."
)


@pytest.mark.parametrize(
    ("text", "english"),
    [
        (ENGLISH, True),
        (FRENCH, False),
        (
            "Der Bundeskanzler hat am Dienstag angekündigt, dass die deutschen Truppen bis Ende "
            "des Jahres aus Mali abgezogen werden, teilte das Ministerium in Berlin mit. Die "
            "Gespräche mit der Übergangsregierung in Bamako gehen weiter.",
            False,
        ),
        (
            "Министр иностранных дел заявил во вторник, что переговоры продолжатся в Женеве на "
            "следующей неделе.",
            False,
        ),
        ("Ceasefire in Idlib.", True),  # too short to judge: passes
    ],
)
def test_is_english(text: str, english: bool) -> None:
    assert is_english(text) == english


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<!DOCTYPE html>\n<html><body><p>x</p></body></html>", True),
        ("  <html lang='en'><head></head></html>", True),
        ("<div>" + "<p>para</p>" * 30 + "</div>", True),
        ("The <html> tag was mentioned in a story about web pages.", False),
        (ENGLISH, False),
    ],
)
def test_looks_like_html(text: str, html: bool) -> None:
    assert looks_like_html(text) == html


PAGE = """<!DOCTYPE html><html><head><title>Plain title</title>
<meta property="og:title" content="OG title">
<meta property="og:site_name" content="Desk">
<link rel="canonical" href="https://example.org/c">
</head><body><nav><a href="/">Home</a></nav><article>
<time datetime="2020-05-02T08:00:00Z">2 May</time>
<p>Coalition aircraft struck targets in Sanaa on Friday, Houthi officials said.</p>
</article></body></html>"""


def test_html_page_text_and_metadata(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text(PAGE, encoding="utf-8")
    result = staging.stage_directory(tmp_path)
    (art,) = result.articles
    assert "Coalition aircraft struck targets in Sanaa" in art.raw_text
    assert "<p>" not in art.raw_text and "Home" not in art.raw_text
    assert (art.title, art.source, art.url) == ("OG title", "Desk", "https://example.org/c")
    assert (art.published, art.published_how) == (dt.date(2020, 5, 2), "page_meta")
    for span in art.body:  # offsets index the extracted text that is staged
        assert art.raw_text[span.start : span.end].strip()


def test_sidecar_wins_over_manifest_and_page(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "p.json").write_text('{"published": "2020-05-01", "source": "Side"}')
    (tmp_path / "articles.csv").write_text(
        "article_id,source,title,published,url\np,Man,Manifest title,2020-04-30,\n"
    )
    (art,) = staging.stage_directory(tmp_path).articles
    assert (art.published, art.published_how) == (dt.date(2020, 5, 1), "sidecar")
    assert (art.source, art.title) == ("Side", "Manifest title")


@pytest.mark.parametrize(
    ("sidecar", "reason"),
    [('{"published": "May 1"}', "bad_date"), ("{not json", "bad_sidecar"), ("[1]", "bad_sidecar")],
)
def test_bad_sidecar_quarantines_its_article(tmp_path: Path, sidecar: str, reason: str) -> None:
    (tmp_path / "a.txt").write_text("Troops moved north.\n")
    (tmp_path / "a.json").write_text(sidecar)
    result = staging.stage_directory(tmp_path)
    assert result.articles == []
    assert [(q.article_id, q.reason) for q in result.quarantined] == [("a", reason)]


def test_orphan_sidecar_is_reported(tmp_path: Path) -> None:
    (tmp_path / "lonely.json").write_text("{}")
    (q,) = staging.stage_directory(tmp_path).quarantined
    assert (q.article_id, q.reason) == ("lonely", "orphan_sidecar")


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        '{"id": "r1", "text": "Rebels shelled the town.", "published": "2020-02-07", "title": "T"}',
        "",
        "not json at all",
        '{"id": "r3", "title": "no text"}',
        '{"text": "no id"}',
        '["a", "list"]',
        '{"id": "r6", "text": "Talks began.", "published": "yesterday"}',
        '{"id": 7, "text": "Troops left the base."}',
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = staging.stage_directory(tmp_path)
    got = {a.article_id: (a.raw_text, a.published, a.published_how) for a in result.articles}
    assert got == {
        "r1": ("Rebels shelled the town.", dt.date(2020, 2, 7), "jsonl"),
        "7": ("Troops left the base.", None, "none"),
    }
    bad = [(q.source_path.rsplit(":", 1)[1], q.reason) for q in result.quarantined]
    assert bad == [
        ("3", "bad_json"),
        ("4", "missing_text"),
        ("5", "missing_id"),
        ("6", "bad_json"),
        ("7", "bad_date"),
    ]
    assert all(f"line {n}" in q.message for (n, _), q in zip(bad, result.quarantined, strict=True))


def test_jsonl_line_over_the_limit(tmp_path: Path) -> None:
    big = '{"id": "big", "text": "' + "x " * 200 + '"}'
    (tmp_path / "feed.jsonl").write_text(big + '\n{"id": "ok", "text": "Talks began."}\n')
    result = staging.stage_directory(tmp_path, max_bytes=100)
    assert [a.article_id for a in result.articles] == ["ok"]
    assert [q.reason for q in result.quarantined] == ["too_large"]


def test_html_saved_as_txt_is_routed_to_the_extractor(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    (art,) = staging.stage_directory(tmp_path).articles
    assert art.raw_text.startswith("Coalition aircraft") or "Coalition aircraft" in art.raw_text
    assert "<" not in art.raw_text and art.source_path.endswith("page.txt")


def test_symlink_outside_the_input_is_quarantined(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret text that must not be read.\n")
    (folder / "link.txt").symlink_to(secret)
    (folder / "inside.txt").write_text("Troops moved north.\n")
    (folder / "alias.txt").symlink_to(folder / "inside.txt")  # inside: allowed
    result = staging.stage_directory(folder)
    assert [a.article_id for a in result.articles] == ["alias"]
    reasons = sorted((q.article_id, q.reason) for q in result.quarantined)
    assert reasons == [("inside", "duplicate_content"), ("link", "outside_input")]
    assert all("Secret" not in a.raw_text for a in result.articles)


def test_manifest_path_column_is_confined(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "story.txt").write_text("Troops moved north.\n")
    (tmp_path / "outside.txt").write_text("Not for reading.\n")
    (folder / "articles.csv").write_text(
        "article_id,source,title,published,url,path\n"
        "s1,W,T,2020-01-01,,sub/story.txt\n"
        "s2,W,T,2020-01-01,,../outside.txt\n"
        "s3,W,T,2020-01-01,,/etc/hostname\n"
    )
    result = staging.stage_directory(folder)
    assert [(a.article_id, a.published) for a in result.articles] == [("s1", dt.date(2020, 1, 1))]
    assert sorted((q.article_id, q.reason) for q in result.quarantined) == [
        ("s2", "outside_input"),
        ("s3", "outside_input"),
    ]


def test_same_id_from_two_inputs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Troops moved north.\n")
    (tmp_path / "a.html").write_text(PAGE)
    result = staging.stage_directory(tmp_path)
    assert [a.source_path.rsplit(".", 1)[1] for a in result.articles] == ["html"]
    assert [(q.reason, q.source_path.rsplit(".", 1)[1]) for q in result.quarantined] == [
        ("duplicate_id", "txt")
    ]


def test_not_english_is_quarantined(tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    result = staging.stage_directory(tmp_path)
    assert [a.article_id for a in result.articles] == ["en"]
    assert [(q.article_id, q.reason) for q in result.quarantined] == [("fr", "not_english")]


def test_too_large_file(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("Troops moved north.\n" * 10)
    (q,) = staging.stage_directory(tmp_path, max_bytes=50).quarantined
    assert (q.reason, q.article_id) == ("too_large", "big")
    assert "50-byte limit" in q.message


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
