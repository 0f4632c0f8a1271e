"""Property and fuzz tests: staging never raises, offsets always index the staged text,
and extraction dates past-tense statements on or before publication."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents import staging
from newsevents.staging.decoding import decode
from newsevents.staging.metadata import ManifestRow
from newsevents.staging.reasons import MAX_ID_CHARS, id_problem
from schemas import Article, QuarantinedInput

TODAY = dt.date(2026, 1, 1)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks a little like articles: words, furniture, stamps, tags, odd characters.
fragments = st.sampled_from(
    [
        "The army said it shelled the town on Monday.",
        "date 2020-02-22 ",
        "Updated: August 27, 2019",
        "Skip to main content",
        "<html><body><p>",
        "</p></body></html>",
        "\ufeff",
        "\r\n",
        "\n\n",
        "\x00",
        "“smart” — quotes…",
        "Le ministre a déclaré mardi",
    ]
)
texty = st.lists(st.one_of(fragments, st.text(max_size=40)), max_size=12).map("".join)
date_strings = st.one_of(
    st.none(),
    st.dates().map(dt.date.isoformat),
    st.text(max_size=20),
    st.sampled_from(["2020-02-30", "31/02/2020", "2099-01-01", "2020-02-07T10:00:00Z"]),
)


def _assert_offsets(item: Article | QuarantinedInput) -> None:
    assert isinstance(item, Article | QuarantinedInput)
    if isinstance(item, Article):
        assert item.body, "a staged article has body text"
        for span in item.body:
            assert 0 <= span.start < span.end <= len(item.raw_text)
            assert item.raw_text[span.start : span.end].strip()
        assert item.published is None or item.published <= TODAY
    else:
        assert item.reason in staging.REASONS and item.message


@FAST
@given(data=st.one_of(st.binary(max_size=400), texty.map(lambda t: t.encode("utf-8"))))
def test_stage_bytes_never_raises(data: bytes) -> None:
    _assert_offsets(staging.stage_bytes("a", data, max_bytes=300, today=TODAY))


@SLOW
@given(data=st.one_of(st.binary(max_size=300), texty.map(lambda t: t.encode("utf-8"))))
def test_stage_html_never_raises(data: bytes) -> None:
    _assert_offsets(staging.stage_bytes("a", data, html=True, today=TODAY))


@FAST
@given(text=texty, published=date_strings)
def test_stage_text_never_raises(text: str, published: str | None) -> None:
    meta = ManifestRow(article_id="a", published_raw=published)
    _assert_offsets(staging.stage_text("a", text, meta=meta, today=TODAY))


@FAST
@given(data=st.binary(max_size=200))
def test_decode_returns_text_without_nul_or_a_reason(data: bytes) -> None:
    text, reason = decode(data)
    assert (text is None) != (reason is None)
    assert text is None or "\x00" not in text


json_lines = st.one_of(
    st.text(max_size=60),
    st.fixed_dictionaries(
        {"id": st.one_of(st.text(max_size=8), st.integers(), st.none())},
        optional={"text": st.one_of(texty, st.integers()), "published": date_strings},
    ).map(json.dumps),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    files=st.dictionaries(
        st.from_regex(r"[a-z]{1,6}", fullmatch=True), st.binary(max_size=200), max_size=5
    ),
    lines=st.lists(json_lines, max_size=5),
)
def test_every_input_is_staged_or_quarantined(files: dict[str, bytes], lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in files.items():
            (folder / f"{name}.txt").write_bytes(data)
        (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = staging.stage_directory(folder, max_bytes=150, today=TODAY)
    for item in [*result.articles, *result.quarantined]:
        _assert_offsets(item)
    # Each .txt file ends up exactly once: as an article or as a quarantine row.
    from_files = [
        x.article_id
        for x in [*result.articles, *result.quarantined]
        if (x.source_path or "").endswith(".txt")
    ]
    assert sorted(from_files) == sorted(files)
    # Each non-blank JSONL line ends up exactly once too.
    from_lines = [
        x for x in [*result.articles, *result.quarantined] if ".jsonl:" in (x.source_path or "")
    ]
    # Count physical lines: a generated "line" may itself hold a newline.
    physical = "\n".join(lines).split("\n")
    assert len(from_lines) == sum(1 for line in physical if line.encode().strip())


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=6,
)
id_texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["../../etc/passwd", "a/b", "a\\b", "..", "a\nb", "x" * 5000, " x "]),
)


@FAST
@given(raw_id=st.one_of(json_values, id_texts))
def test_any_jsonl_id_is_staged_valid_or_quarantined(raw_id: object) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        line = json.dumps({"id": raw_id, "text": "The army said it shelled the town."})
        (Path(tmp) / "feed.jsonl").write_text(line + "\n", encoding="utf-8")
        result = staging.stage_directory(Path(tmp), today=TODAY)
    (item,) = [*result.articles, *result.quarantined]
    if isinstance(item, Article):
        assert id_problem(item.article_id) is None
        assert "/" not in item.article_id and len(item.article_id) <= MAX_ID_CHARS
    else:
        # bad_json: an integer of over 4,300 digits is past Python's JSON limit
        assert item.reason in {"bad_id", "missing_id", "bad_json"}, item
        assert len(item.message) < 200


folder_names = st.sampled_from(["2024-05", "a", "b c", ".hidden", "x" * 40])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    paths=st.lists(
        st.tuples(st.lists(folder_names, max_size=6), st.from_regex(r"[a-z]{1,4}", fullmatch=True)),
        max_size=6,
        unique_by=lambda t: (tuple(t[0]), t[1]),
    )
)
def test_every_nested_file_is_staged_once_or_quarantined(
    paths: list[tuple[list[str], str]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for i, (folders, stem) in enumerate(paths):
            folder = root.joinpath(*folders)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{stem}.txt").write_text(f"Officials said talks {i} ended on Monday.\n")
        result = staging.stage_directory(root, today=TODAY)
    visible = [(f, s) for f, s in paths if not any(n.startswith(".") for n in f)]
    answered = [*result.articles, *result.quarantined]
    assert len(answered) == len(visible)  # hidden folders skipped, everything else answered
    for art in result.articles:
        assert id_problem(art.article_id) is None
    for q in result.quarantined:
        assert q.reason == "bad_id" and "characters long" in q.message, q  # a deep path


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SPEAKERS = [
    "The foreign minister of Turkey",
    "A spokesman for the Russian defence ministry",
    "President Emmanuel Macron",
    "The United Nations envoy",
]
CLAUSES = [
    "Ankara would not withdraw its troops from Idlib",
    "talks with Iran would resume next week",
    "the attack on the convoy was unacceptable",
    "its forces had shelled rebel positions",
]


@SLOW
@given(
    speaker=st.sampled_from(SPEAKERS),
    weekday=st.sampled_from(WEEKDAYS),
    clause=st.sampled_from(CLAUSES),
    noise=st.text(alphabet=st.characters(codec="ascii"), max_size=30),
    published=st.dates(min_value=dt.date(1990, 1, 1), max_value=TODAY),
)
def test_extraction_dates_past_statements_on_or_before_publication(
    speaker: str, weekday: str, clause: str, noise: str, published: dt.date
) -> None:
    from newsevents.extract import extract_articles

    text = f"{speaker} said on {weekday} that {clause}. {noise}"
    meta = ManifestRow(article_id="p", published_raw=published.isoformat())
    art = staging.stage_text("p", text, meta=meta, today=TODAY)
    if not isinstance(art, Article):  # noise can make it unstageable; never an exception
        return
    (result,) = extract_articles([art])
    for ev in result.events:
        assert 0 <= ev.evidence_start < ev.evidence_end <= len(art.raw_text)
        if weekday in ev.date_text and ev.date is not None:
            assert ev.date <= published, (ev.date_text, ev.date, published)
            assert (published - ev.date).days < 7
