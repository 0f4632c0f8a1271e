"""Streaming runs (issue 8): windows, the file manifest, the final rebuild and the preflight."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from newsevents import staging
from newsevents import warehouse as wh
from newsevents.preflight import Pending, nothing_to_do
from newsevents.settings import get_settings
from schemas import ExtractionResult, RunSummary

from .conftest import ROOT, SEEDS

VERSION = "0.2.0"  # any fixed version: these loads never extract


def _text(i: int, words: int = 60) -> str:
    filler = " ".join(f"and the talks went on for word{i}x{k}" for k in range(words // 7))
    return f"Officials said on Monday that article {i} was written for the test {filler}.\n"


def _folder(path: Path, n: int, words: int = 60) -> Path:
    path.mkdir()
    for i in range(n):
        (path / f"a{i:05d}.txt").write_text(_text(i, words), encoding="utf-8")
    return path


def _load_all(db: Path, folder: Path) -> None:
    """Load every article of ``folder`` with empty extraction results, recording the manifest."""
    with wh.connect(db) as con:
        wh.migrate(con)
        for part in staging.batched(staging.iter_stage(folder), 1000):
            results = [
                ExtractionResult(
                    article_id=a.article_id, content_hash=a.content_hash, extractor_version=VERSION
                )
                for a in part.articles
            ]
            wh.load(con, part.articles, results, part.quarantined, files=part.files)


def _read(db: Path, folder: Path, *, rehash: bool = False) -> list[str]:
    """The names of the files staging reads against the warehouse's file manifest."""
    with wh.connect(db) as con:
        known = None if rehash else (lambda stats: wh.known_files(con, stats))
        items = list(staging.iter_stage(folder, known=known))
    return sorted(
        Path(i.source_path or "").name for i, _ in items if not isinstance(i, staging.Unread)
    )


def test_manifest_skips_unchanged_files_and_rereads_changed_ones(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", 3)
    db = tmp_path / "w.duckdb"
    _load_all(db, folder)
    assert _read(db, folder) == []  # same stat, article loaded: nothing read
    assert _read(db, folder, rehash=True) == ["a00000.txt", "a00001.txt", "a00002.txt"]
    st = (folder / "a00001.txt").stat()
    os.utime(folder / "a00001.txt", ns=(st.st_atime_ns, st.st_mtime_ns + 1_000))  # touch
    assert _read(db, folder) == ["a00001.txt"]
    # a changed sidecar or articles.csv row changes the metadata the file stages with
    (folder / "articles.csv").write_text("article_id,title\na00002,New title\n", encoding="utf-8")
    assert _read(db, folder) == ["a00001.txt", "a00002.txt"]
    (folder / "a00000.json").write_text('{"source": "Wire"}', encoding="utf-8")
    assert _read(db, folder) == ["a00000.txt", "a00001.txt", "a00002.txt"]
    # once loaded again, the new stats and metadata are known
    _load_all(db, folder)
    assert _read(db, folder) == []


def test_unread_articles_still_count_for_duplicate_content(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", 2)
    db = tmp_path / "w.duckdb"
    _load_all(db, folder)
    # a new file sorted after the loaded ones repeats a loaded (unread) article's text
    shutil.copy(folder / "a00000.txt", folder / "b.txt")
    with wh.connect(db) as con:
        items = [i for i, _ in staging.iter_stage(folder, known=lambda s: wh.known_files(con, s))]
    kinds = [(type(i).__name__, getattr(i, "reason", None)) for i in items]
    assert kinds == [
        ("Unread", None),
        ("Unread", None),
        ("QuarantinedInput", "duplicate_content"),
    ]


def test_windows_hold_at_most_window_size_and_stage_as_a_whole(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", 7)
    shutil.copy(folder / "a00002.txt", folder / "a00009.txt")  # a duplicate in a later window
    (folder / "empty.txt").write_text(" \n")
    parts = list(staging.batched(staging.iter_input(str(folder), max_bytes=10**6), 3))
    assert [len(p) for p in parts] == [3, 3, 1]
    whole = staging.stage_directory(folder)
    assert [a.article_id for p in parts for a in p.articles] == [
        a.article_id for a in whole.articles
    ]
    assert sorted((q.article_id, q.reason) for p in parts for q in p.quarantined) == sorted(
        (q.article_id, q.reason) for q in whole.quarantined
    )
    assert ("a00009", "duplicate_content") in {(q.article_id, q.reason) for q in whole.quarantined}


def _peak_bytes(folder: Path, window: int) -> int:
    tracemalloc.start()
    try:
        for part in staging.batched(staging.iter_stage(folder), window):
            assert len(part) <= window
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_streaming_memory_does_not_grow_with_the_input(tmp_path: Path) -> None:
    small = _folder(tmp_path / "small", 100, words=1500)  # ~10 KB of text a file
    large = _folder(tmp_path / "large", 1000, words=1500)
    peak_small, peak_large = _peak_bytes(small, 20), _peak_bytes(large, 20)
    tracemalloc.start()
    staging.stage_directory(large)
    all_at_once = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # Across windows only each file's path, id and content hash are held (about 1 KB);
    # no text is: staging all at once holds ~10 KB a file.
    per_file = (peak_large - peak_small) / 900
    assert per_file < 2_000, (peak_small, peak_large)
    assert (all_at_once - peak_large) / 1000 > 5 * per_file, (all_at_once, peak_large)


def test_window_loads_defer_the_rebuild_and_a_killed_run_is_repaired(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", 2)
    db = tmp_path / "w.duckdb"
    with wh.connect(db) as con:
        wh.migrate(con)
        part = next(staging.batched(staging.iter_stage(folder), 10))
        results = [
            ExtractionResult(
                article_id=a.article_id, content_hash=a.content_hash, extractor_version=VERSION
            )
            for a in part.articles
        ]
        con.execute(
            "INSERT INTO dim_date SELECT * FROM (SELECT DATE '2020-01-01', 2020, 1, 1, "
            "'January', 1, 2020, 1, 3, 'Wednesday', false, DATE '2019-12-30', "
            "DATE '2020-01-01')"
        )
        wh.load(con, part.articles, results, rebuild=False)
        # mention and bridge counts agree (no mentions): only the mark says the window was
        # loaded without its rebuild, as after a run killed before `finish`
        assert wh.derived_stale(con)
        assert con.execute("SELECT count(*) FROM dim_date").fetchone() == (1,)
        assert wh.finish(con) is not None
        assert not wh.derived_stale(con)
        assert con.execute("SELECT count(*) FROM dim_date").fetchone() == (0,)
        assert wh.finish(con) is None


def test_preflight_finds_nothing_to_do_only_when_nothing_changed(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", 3)
    db = tmp_path / "w.duckdb"
    args = {"max_bytes": 10**6, "window_size": 2}
    with wh.connect(db) as con:
        wh.migrate(con)
        # nothing loaded: the first window (2 articles) is all to extract
        assert nothing_to_do(con, folder, **args) == Pending(2)
    _load_all(db, folder)
    with wh.connect(db) as con:
        idle = nothing_to_do(con, folder, **args)
        assert isinstance(idle, RunSummary)
        assert (idle.articles_staged, idle.articles_unchanged, idle.quarantined) == (3, 3, [])
        (folder / "empty.txt").write_text("\n")
        assert nothing_to_do(con, folder, **args) == Pending(0)  # a new quarantined input
        wh.load(con, [], [], staging.stage_directory(folder).quarantined)
        idle = nothing_to_do(con, folder, **args)
        assert isinstance(idle, RunSummary) and [q.reason for q in idle.quarantined] == ["empty"]
        (folder / "new.txt").write_text(_text(99), encoding="utf-8")
        assert nothing_to_do(con, folder, **args) == Pending(1)  # a new article
        (folder / "new.txt").unlink()
        con.execute("INSERT INTO stg_rebuild_pending VALUES (NULL, now())")
        assert nothing_to_do(con, folder, **args) == Pending(0)  # stale derived tables


def _run_in_child(folder: Path, db: Path, *args: str, before: str = "") -> tuple[str, str]:
    """``newsevents run`` in a fresh interpreter: its exit code and whether spaCy and
    Prefect got imported (one line), and its output."""
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from newsevents.cli import app\n"
        f"{before}\n"
        f"r = CliRunner().invoke(app, ['run', '--input', {str(folder)!r}, '--warehouse', "
        f"{str(db)!r}, *{list(args)!r}])\n"
        "print(r.exit_code, 'spacy' in sys.modules, 'prefect' in sys.modules)\n"
        "print(r.output)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    first, _, rest = out.stdout.partition("\n")
    return first, rest + out.stderr


def test_no_op_cli_run_imports_neither_spacy_nor_prefect(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", 3)
    db = tmp_path / "w.duckdb"
    _load_all(db, folder)
    first, rest = _run_in_child(folder, db, "--json")
    assert first == "0 False False", rest
    assert '"articles_unchanged": 3' in rest and "nothing to do" in rest


def test_no_op_with_failing_checks_reports_them_and_exits_4_without_a_flow_run(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path / "in", 3)
    db = tmp_path / "w.duckdb"
    _load_all(db, folder)
    # rows an earlier run loaded that checks flag: rerunning would not change them; the
    # error check fails the run, the warn check is printed (tests/test_check_severity.py)
    first, rest = _run_in_child(
        folder,
        db,
        before="from newsevents import warehouse\nfrom schemas import CheckResult\n"
        "warehouse.run_checks = lambda con: [CheckResult(name='orphan_keys', severity='error', "
        "rows=0), CheckResult(name='mention_without_evidence', severity='error', rows=2), "
        "CheckResult(name='occurred_after_publication', severity='warn', rows=1)]",
    )
    assert first == "4 False False", rest
    out = " ".join(rest.split())
    assert "data check failed mention_without_evidence: 2 rows" in out
    assert "data check warning occurred_after_publication: 1 rows" in out
    assert "orphan_keys" not in rest and "nothing to do" in rest


# ---- the flow, end to end -----------------------------------------------------------------


def _normalised_checksums(db: Path) -> dict[str, tuple[int, str]]:
    """Table checksums with the run ids and load times (which differ run to run) blanked."""
    with wh.connect(db) as con:
        con.execute(
            "UPDATE dim_article SET flow_run_id = NULL, ingested_at = TIMESTAMP '2000-01-01'"
        )
        con.execute("UPDATE fct_event_mention SET flow_run_id = NULL")
        con.execute(
            "UPDATE quarantine SET flow_run_id = NULL, first_seen_at = TIMESTAMP '2000-01-01'"
        )
        con.execute("UPDATE schema_version SET applied_at = TIMESTAMP '2000-01-01'")
        return wh.table_checksums(con)


def _mixed_input(folder: Path) -> Path:
    shutil.copytree(SEEDS, folder)
    shutil.copy(folder / "000_0a4181eb25ee23d2.txt", folder / "zz_copy.txt")  # duplicate content
    (folder / "empty.txt").write_text(" \n")
    return folder


@pytest.mark.slow
def test_streaming_windows_give_the_warehouse_of_one_window_and_survive_a_kill(
    prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.pipeline as fp

    folder = _mixed_input(tmp_path / "in")
    settings = get_settings()
    monkeypatch.setattr(settings, "window_size", 1000)
    whole = fp.pipeline(input_dir=folder, warehouse_path=tmp_path / "one.duckdb")
    monkeypatch.setattr(settings, "window_size", 2)
    streamed = fp.pipeline(input_dir=folder, warehouse_path=tmp_path / "many.duckdb")
    assert whole.model_dump(exclude={"flow_run_id"}) == streamed.model_dump(exclude={"flow_run_id"})
    assert (streamed.articles_extracted, streamed.articles_seen) == (5, 7)
    assert sorted(q.reason for q in streamed.quarantined) == ["duplicate_content", "empty"]
    reference = _normalised_checksums(tmp_path / "one.duckdb")
    assert _normalised_checksums(tmp_path / "many.duckdb") == reference

    # killed after the first window's load: that window is committed, the rebuild is not
    killed = tmp_path / "killed.duckdb"
    real_load = fp.load.fn
    loads: list[int] = []

    def dying(*args: object, **kwargs: object) -> int:
        if loads:
            raise RuntimeError("killed")  # not an I/O error: never retried
        loads.append(1)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(fp.load, "fn", dying)
    with pytest.raises(RuntimeError, match="killed"):
        fp.pipeline(input_dir=folder, warehouse_path=killed)
    monkeypatch.setattr(fp.load, "fn", real_load)
    with wh.connect(killed) as con:
        assert wh.derived_stale(con)
        assert con.execute("SELECT count(*) FROM fct_event").fetchone() == (0,)
    again = fp.pipeline(input_dir=folder, warehouse_path=killed)
    assert again.articles_unchanged == 2 and again.articles_extracted == 3
    assert _normalised_checksums(killed) == reference
