"""Input edges: article ids, a symlinked articles.csv, nested folders, a huge articles.csv."""

from __future__ import annotations

import csv
import json
import os
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents import staging
from newsevents import warehouse as wh
from newsevents.cli import app
from newsevents.preflight import nothing_to_do
from newsevents.report import summary_rows
from newsevents.staging.reasons import MAX_ID_CHARS, id_problem
from newsevents.summary import QUARANTINE_EXAMPLES, RunCounts, summary_markdown
from schemas import Article, ExtractionResult, QuarantinedInput, RunSummary

TEXT = "The defence ministry said on Monday that troops were deployed to the border.\n"


def _text(i: int) -> str:
    return f"Officials said on Tuesday that article {i} was about talks between two governments.\n"


def _items(folder: Path, **kw: object) -> list[staging.StagedItem]:
    return [item for item, _ in staging.iter_stage(folder, **kw)]  # type: ignore[arg-type]


def _by_reason(items: list[staging.StagedItem], reason: str) -> list[QuarantinedInput]:
    return [i for i in items if isinstance(i, QuarantinedInput) and i.reason == reason]


def _ids(items: list[staging.StagedItem]) -> list[str]:
    return sorted(i.article_id for i in items if isinstance(i, Article | staging.Unread))


# --- article ids ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article_id", "valid"),
    [
        ("000_0a4181eb25ee23d2", True),
        ("12345", True),
        ("Reuters story 1", True),  # spaces inside, as in file names
        ("2024-05__x", True),
        ("café-Δ-名前", True),  # printable beyond ASCII
        (".hidden", True),
        ("x" * MAX_ID_CHARS, True),
        ("x" * (MAX_ID_CHARS + 1), False),
        ("x" * 5000, False),
        ("", False),
        (" padded", False),
        ("a\nb", False),
        ("a\tb", False),
        ("a\x00b", False),
        ("a\u200bb", False),  # a zero-width space: not printable
        ("a\u2028b", False),  # a line separator
        ("../../etc/passwd", False),
        ("a/b", False),
        ("a\\b", False),
        ("..", False),
        (".", False),
    ],
)
def test_id_problem(article_id: str, valid: bool) -> None:
    problem = id_problem(article_id)
    assert (problem is None) == valid, problem


@pytest.mark.parametrize(
    ("raw_id", "outcome"),
    [
        ("abc", "abc"),
        (12345, "12345"),  # an integer id is read as its digits
        (-7, "-7"),
        ("  padded  ", "padded"),  # surrounding blanks are trimmed, as for every field
        (["list"], "bad_id"),
        ({"a": 1}, "bad_id"),
        (True, "bad_id"),
        (1.5, "bad_id"),
        ("a\nb", "bad_id"),
        ("../../etc/passwd", "bad_id"),
        ("..\\..\\win.ini", "bad_id"),
        ("x" * 5000, "bad_id"),
        ("", "missing_id"),
        ("   ", "missing_id"),
        (None, "missing_id"),
    ],
)
def test_jsonl_ids_are_validated(tmp_path: Path, raw_id: object, outcome: str) -> None:
    record = {"id": raw_id, "text": TEXT}
    (tmp_path / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (item,) = _items(tmp_path)
    if outcome in staging.REASONS:
        assert isinstance(item, QuarantinedInput) and item.reason == outcome
        assert item.source_path.endswith("feed.jsonl:1")
        assert item.article_id is None  # a bad id is not recorded as an id
        assert len(item.message) < 200  # a 5,000-character id is cut short in the message
    else:
        assert isinstance(item, Article) and item.article_id == outcome


def test_bad_ids_in_articles_csv_and_file_names(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "new\nline.txt").write_text(_text(1), encoding="utf-8")
    (tmp_path / "articles.csv").write_text(
        f"article_id,title\ngood,A good title\n../../etc/passwd,Escapes\n{'y' * 300},Too long\n",
        encoding="utf-8",
    )
    items = _items(tmp_path)
    bad = _by_reason(items, "bad_id")
    where = sorted(q.source_path.rsplit("/", 1)[-1] for q in bad)
    assert where == ["articles.csv:3", "articles.csv:4", "new\nline.txt"]
    (good,) = (i for i in items if isinstance(i, Article))
    assert good.article_id == "good" and good.title == "A good title"  # valid rows still apply
    assert not _by_reason(items, "unknown_article")  # a bad row is reported once, as bad_id


# --- articles.csv as a symlink --------------------------------------------------------------


def test_articles_csv_symlinked_outside_is_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("article_id,title,published\na,Planted title,2001-01-01\n", "utf-8")
    (folder / "articles.csv").symlink_to(outside)
    items = _items(folder)
    (q,) = _by_reason(items, "outside_input")
    assert q.source_path == str(folder / "articles.csv") and "articles.csv" in q.message
    (art,) = (i for i in items if isinstance(i, Article))
    assert art.title != "Planted title" and art.published is None  # its rows are not applied


def test_articles_csv_symlinked_inside_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "meta").mkdir()
    (tmp_path / "meta" / "rows.csv").write_text("article_id,title\na,Listed title\n", "utf-8")
    (tmp_path / "articles.csv").symlink_to(tmp_path / "meta" / "rows.csv")
    items = _items(tmp_path)
    assert [i.title for i in items if isinstance(i, Article)] == ["Listed title"]
    assert not [i for i in items if isinstance(i, QuarantinedInput)]


# --- nested folders -------------------------------------------------------------------------


def _tree(root: Path) -> Path:
    root.mkdir()
    files = {
        "top.txt": TEXT,
        "2024-05/x.txt": _text(1),
        "2024-06/x.txt": _text(2),  # the same name in another folder: another article
        "2024-06/deep/er/y.txt": _text(3),
        ".git/objects/z.txt": _text(4),  # a hidden folder is skipped
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "2024-05" / "x.json").write_text('{"title": "Sidecar title"}', encoding="utf-8")
    (root / "2024-06" / "orphan.json").write_text('{"title": "no article"}', encoding="utf-8")
    return root


def test_nested_folders_are_staged_with_their_path_in_the_id(tmp_path: Path) -> None:
    items = _items(_tree(tmp_path / "in"))
    assert _ids(items) == ["2024-05__x", "2024-06__deep__er__y", "2024-06__x", "top"]
    by_id = {i.article_id: i for i in items if isinstance(i, Article)}
    assert by_id["2024-05__x"].title == "Sidecar title"  # the sidecar beside the file
    assert by_id["2024-06__x"].title != "Sidecar title"
    assert by_id["2024-05__x"].source_path == str((tmp_path / "in/2024-05/x.txt").resolve())
    (orphan,) = _by_reason(items, "orphan_sidecar")
    assert orphan.article_id == "2024-06__orphan"
    assert len(items) == 5  # nothing else: .git's file was not staged


def test_nested_files_are_named_by_articles_csv_and_clash_with_flat_ids(tmp_path: Path) -> None:
    folder = _tree(tmp_path / "in")
    (folder / "2024-05__x.txt").write_text(_text(9), encoding="utf-8")  # spells the same id
    (folder / "articles.csv").write_text(
        "article_id,title,path\n2024-06__x,Listed by id,\nchosen,Listed by path,2024-06/deep/er/y.txt\n",
        encoding="utf-8",
    )
    items = _items(folder)
    by_id = {i.article_id: i for i in items if isinstance(i, Article)}
    assert by_id["2024-06__x"].title == "Listed by id"
    assert by_id["chosen"].title == "Listed by path"  # the path column sets the id
    assert "2024-06__deep__er__y" not in by_id
    (dup,) = _by_reason(items, "duplicate_id")
    assert dup.article_id == "2024-05__x"


def test_symlinked_folders_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(_text(7), encoding="utf-8")
    folder = _tree(tmp_path / "in")
    (folder / "leak").symlink_to(outside, target_is_directory=True)
    (folder / "again").symlink_to(folder / "2024-05", target_is_directory=True)
    (folder / "2024-05" / "loop").symlink_to(folder, target_is_directory=True)
    items = _items(folder)
    (q,) = _by_reason(items, "outside_input")
    assert q.source_path == str(folder.resolve() / "leak") and "symlinked folder" in q.message
    # the folder linked from inside is staged once, where it is; the loop ends
    assert _ids(items) == ["2024-05__x", "2024-06__deep__er__y", "2024-06__x", "top"]
    assert not _by_reason(items, "duplicate_content")


def test_a_folder_that_cannot_be_listed_is_quarantined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _tree(tmp_path / "in")
    locked = str(folder.resolve() / "2024-06")
    real = os.scandir

    def scandir(path: str) -> object:
        if path == locked:
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = _items(folder)
    (q,) = _by_reason(items, "unreadable")
    assert q.source_path == locked and "Permission denied" in q.message
    assert _ids(items) == ["2024-05__x", "top"]


def test_an_over_long_nested_id_is_a_bad_id(tmp_path: Path) -> None:
    deep = tmp_path / "/".join(["a-rather-long-folder-name"] * 8)
    deep.mkdir(parents=True)
    (deep / "x.txt").write_text(TEXT, encoding="utf-8")
    (q,) = _items(tmp_path)
    assert q.reason == "bad_id" and "characters long" in q.message


def test_glob_stages_each_matched_folder_without_its_subfolders(tmp_path: Path) -> None:
    folder = _tree(tmp_path / "in")
    items = [i for i, _ in staging.iter_input(f"{folder}/*/*.txt", max_bytes=10**6)]
    assert _ids(items) == ["x"]  # 2024-05/x.txt; 2024-06/x.txt repeats the id
    assert [q.reason for q in items if isinstance(q, QuarantinedInput)] == ["duplicate_id"]
    whole = [i for i, _ in staging.iter_input(str(folder), max_bytes=10**6)]
    assert len(_ids(whole)) == 4


def _load(db: Path, folder: Path) -> None:
    """Load every article of ``folder`` with empty results, recording the file manifest."""
    with wh.connect(db) as con:
        wh.migrate(con)
        for part in staging.batched(staging.iter_input(str(folder), max_bytes=10**6), 1000):
            results = [
                ExtractionResult(
                    article_id=a.article_id, content_hash=a.content_hash, extractor_version="0"
                )
                for a in part.articles
            ]
            wh.load(con, part.articles, results, part.quarantined, files=part.files)


def test_a_rerun_over_an_unchanged_nested_tree_reads_nothing(tmp_path: Path) -> None:
    folder = _tree(tmp_path / "in")
    db = tmp_path / "w.duckdb"
    _load(db, folder)
    args = {"max_bytes": 10**6, "window_size": 2}
    with wh.connect(db) as con:
        known = lambda stats: wh.known_files(con, stats)  # noqa: E731
        items = _items(folder, known=known)
        assert all(not isinstance(i, Article) for i in items)  # every file answered unread
        assert _ids(items) == ["2024-05__x", "2024-06__deep__er__y", "2024-06__x", "top"]
        idle = nothing_to_do(con, folder, **args)
        assert isinstance(idle, RunSummary) and idle.articles_unchanged == 4
        deep = folder / "2024-06/deep/er/y.txt"
        st = deep.stat()
        os.utime(deep, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000))
        read = [i for i in _items(folder, known=known) if isinstance(i, Article)]
        assert [a.article_id for a in read] == ["2024-06__deep__er__y"]
        before = con.execute("SELECT count(*) FROM stg_file_manifest").fetchone()
    _load(db, folder)  # the touched file's manifest row is replaced, not added
    with wh.connect(db) as con:
        assert con.execute("SELECT count(*) FROM stg_file_manifest").fetchone() == before
        assert isinstance(nothing_to_do(con, folder, **args), RunSummary)


# --- a big articles.csv ---------------------------------------------------------------------


def _big_manifest(folder: Path, rows: int) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    with (folder / "articles.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["article_id", "source", "title", "published", "url"])
        out.writerow(["a", "Wire", "The one file", "2021-03-04", ""])
        for i in range(rows):
            out.writerow([f"gone{i:06d}", "Wire", f"Headline {i}", "2021-03-04", f"u/{i}"])
    return folder


def _streamed_peak(folder: Path) -> tuple[int, RunCounts, list[int]]:
    """Peak traced bytes of staging ``folder`` window by window into run counts."""
    counts = RunCounts()
    sizes = []
    tracemalloc.start()
    try:
        for part in staging.batched(staging.iter_input(str(folder), max_bytes=10**6), 1000):
            sizes.append(len(part.quarantined))
            counts.add(staged=len(part), unchanged=0, quarantined=part.quarantined)
        return tracemalloc.get_traced_memory()[1], counts, sizes
    finally:
        tracemalloc.stop()


def test_a_big_articles_csv_is_streamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(staging.batching, "QUARANTINE_WINDOW", 1000)
    small, _, _ = _streamed_peak(_big_manifest(tmp_path / "small", 5_000))
    big, counts, sizes = _streamed_peak(_big_manifest(tmp_path / "big", 20_000))
    assert max(sizes) <= 1000 and sum(sizes) == 20_000  # windows of bounded quarantine
    assert counts.quarantined_by_reason == Counter(unknown_article=20_000)
    assert len(counts.quarantined) == QUARANTINE_EXAMPLES  # examples, not every row
    # per row, only the articles.csv row is held (~350 bytes), not its quarantine record
    # too (holding every QuarantinedInput made it ~1,100)
    per_row = (big - small) / 15_000
    assert per_row < 700, per_row


def test_summary_counts_every_reason_and_keeps_a_few_examples() -> None:
    counts = RunCounts()
    window = [
        *(
            QuarantinedInput(source_path=f"x{i}", reason="unknown_article", message="m")
            for i in range(10)
        ),
        QuarantinedInput(source_path="e", reason="empty", message="the file is empty"),
    ]
    counts.add(staged=0, unchanged=0, quarantined=window)
    counts.add(staged=0, unchanged=0, quarantined=window[:4])
    summary = counts.summary({}, None)
    assert summary.quarantined_by_reason == {"empty": 1, "unknown_article": 14}
    assert summary.quarantined_total == 15 and summary.articles_seen == 15
    assert [q.source_path for q in summary.quarantined] == ["x0", "x1", "x2", "e"]
    markdown = summary_markdown(summary)
    assert "| quarantined | 15 |" in markdown and "... and 11 more | unknown_article" in markdown
    rows = {(r["section"], r["item"]): r for r in summary_rows(summary)}
    assert rows["quarantine", "total"]["count"] == 15
    assert rows["quarantine", "unknown_article"]["count"] == 14
    assert "... and 11 more" in str(rows["quarantine", "unknown_article"]["detail"])


def test_no_op_run_over_a_big_articles_csv_prints_a_few_lines(tmp_path: Path) -> None:
    folder = _big_manifest(tmp_path / "in", 20_000)
    db = tmp_path / "w.duckdb"
    _load(db, folder)
    got = CliRunner().invoke(app, ["run", "--input", str(folder), "--warehouse", str(db)])
    assert got.exit_code == 0, got.output
    assert "nothing to do" in got.output and "20000 quarantined inputs" in got.output
    assert got.output.count("articles.csv lists") == QUARANTINE_EXAMPLES  # three rows only
    assert "... and 19997 more unknown_article" in got.output
    assert len(got.output.splitlines()) < 40
    with wh.connect(db, read_only=True) as con:  # the table holds every one, once
        assert con.execute("SELECT count(*) FROM quarantine").fetchone() == (20_000,)
    _load(db, folder)  # a second load adds no row
    with wh.connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM quarantine").fetchone() == (20_000,)
