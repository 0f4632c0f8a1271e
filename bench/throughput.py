"""Throughput and scale of newsevents: articles/s, sentences/s, words/s and peak memory.

Builds a corpus of N articles from the seeds, the generalisation set and the
dup_reports set (each copy gets its own id, a shifted publication date and a
one-line reference so content hashes differ), then times, as medians of
``--repeats`` runs with min and max, in a fresh child process each:

- ``staging``: ``newsevents.staging.stage_directory`` over the folder (all at once);
- ``stream``: the same files staged as ``newsevents run`` stages them, in windows of
  ``NEWSEVENTS_WINDOW_SIZE`` (``staging.batched(staging.iter_stage(...))``), none held;
- ``temporal``: ``newsevents.temporal.tag`` on each body text, without a Doc;
- ``spacy``: the raw pipeline (``spacy.load`` of the model, none of our changes),
  ``nlp.pipe`` with the batch size and process count extraction uses (the baseline);
- ``extract``: ``newsevents.extract.extract_articles`` end to end, no Prefect (from 200
  articles on it runs in the extraction worker pool; starting the workers and loading
  the model in them is timed too);
- ``run``: ``newsevents run`` in a subprocess (Prefect and the DuckDB load);
- ``rerun``: ``newsevents run`` again with nothing new, at the largest N loaded;
- with ``--rerun-synthetic N``: a no-op rerun over N articles loaded without extraction,
  three ways: the cold CLI (its preflight finds nothing to do), the cold CLI with
  ``--no-preflight`` (Prefect's flow), and the flow called again in a warm process;
- ``prefilter`` (one run): the share of sentences a lexical trigger pre-filter would
  skip, whether any extracted event sits in a skipped sentence, and the parse time
  of only the kept sentences.

Peak RSS is sampled from the child's whole process tree (spaCy workers and Prefect's
ephemeral server included). A stage whose estimated time (from its measured per-article
cost at a smaller N) exceeds ``--budget`` seconds for all repeats is not run, and the
table says so. Nothing is extrapolated into the table.

Usage::

    python bench/throughput.py --sizes 200,1000 --repeats 1
    python bench/throughput.py --sizes 1000,10000,100000 --markdown /tmp/table.md
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT / "seeds",
    ROOT / "tests" / "data" / "generalisation",
    ROOT / "tests" / "data" / "dup_reports",
]
STAGES = ("staging", "stream", "temporal", "spacy", "extract", "run", "rerun", "prefilter")


# ---------------------------------------------------------------------------- corpus


def base_articles() -> list[dict[str, str]]:
    """The base texts with their manifest metadata (id, source, title, published)."""
    out = []
    for folder in SOURCES:
        meta: dict[str, dict[str, str]] = {}
        manifest = folder / "articles.csv"
        if manifest.exists():
            with manifest.open(encoding="utf-8", newline="") as fh:
                meta = {r["article_id"]: r for r in csv.DictReader(fh)}
        for path in sorted(folder.glob("*.txt")):
            row = meta.get(path.stem, {})
            out.append(
                {
                    "id": path.stem,
                    "text": path.read_text(encoding="utf-8-sig"),
                    "source": row.get("source") or "bench",
                    "title": row.get("title") or path.stem,
                    "published": row.get("published") or "2020-01-01",
                }
            )
    return out


def variant(text: str, copy: int) -> str:
    """The copy's text: the base text plus a reference line, so its content hash differs."""
    return text.rstrip("\n") + f"\n\n(ref {copy:07d})\n"


def build_corpus(folder: Path, n: int) -> None:
    """Write ``n`` articles as ``.txt`` files with an ``articles.csv`` manifest."""
    if (folder / "articles.csv").exists() and len(list(folder.glob("*.txt"))) == n:
        return
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    bases = base_articles()
    with (folder / "articles.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["article_id", "source", "title", "published", "url"])
        for i in range(n):
            b = bases[i % len(bases)]
            copy = i // len(bases)
            # dates move back one day per copy (over ~3 years), never into the future
            published = dt.date.fromisoformat(b["published"]) - dt.timedelta(days=copy % 1100)
            art_id = f"{b['id']}__{copy:07d}"
            (folder / f"{art_id}.txt").write_text(variant(b["text"], copy), encoding="utf-8")
            w.writerow([art_id, b["source"], b["title"], published.isoformat(), ""])


def corpus_stats(n: int) -> dict[str, int]:
    """Articles, sentences and words of the N-article corpus.

    Words are whitespace tokens of the staged body text; sentences are the spaCy
    pipeline's sentences of it. Copies differ from their base only in the digits of
    the reference line, so each base is staged and parsed once (as copy 0).
    """
    from newsevents.extract.nlp import body_text, load_nlp
    from newsevents.settings import get_settings
    from newsevents.staging import stage_directory

    with tempfile.TemporaryDirectory() as tmp:
        build_corpus(Path(tmp) / "base", len(base_articles()))
        staged = stage_directory(Path(tmp) / "base")
    by_base = {a.article_id.split("__")[0]: a for a in staged.articles}
    nlp = load_nlp(get_settings().spacy_model)
    stats = {}
    for base_id, art in by_base.items():
        text = body_text(art)
        stats[base_id] = (sum(1 for _ in nlp(text).sents), len(text.split()))
    bases = base_articles()
    sents = words = 0
    for i in range(n):
        s, w = stats[bases[i % len(bases)]["id"]]
        sents, words = sents + s, words + w
    return {"articles": n, "sentences": sents, "words": words}


# ---------------------------------------------------------------------------- children


def _staged(corpus: Path) -> list:
    cache = corpus / "staged.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from newsevents.staging import stage_directory

    arts = stage_directory(corpus).articles
    cache.write_bytes(pickle.dumps(arts, protocol=pickle.HIGHEST_PROTOCOL))
    return arts


def child(stage: str, corpus: Path) -> dict[str, object]:
    """Run one stage once in this process; return its timing and counts."""
    from newsevents.settings import get_settings

    settings = get_settings()
    if stage == "staging":
        from newsevents.staging import stage_directory

        t0 = time.perf_counter()
        res = stage_directory(corpus)
        secs = time.perf_counter() - t0
        return {"seconds": secs, "staged": len(res.articles), "quarantined": len(res.quarantined)}
    if stage == "stream":
        from newsevents import staging

        t0 = time.perf_counter()
        n = sum(len(p) for p in staging.batched(staging.iter_stage(corpus), settings.window_size))
        return {"seconds": time.perf_counter() - t0, "staged": n}
    articles = _staged(corpus)
    from newsevents.extract.nlp import body_text, parse_settings

    if stage == "temporal":
        from newsevents import temporal

        texts = [(body_text(a), a.published) for a in articles]
        t0 = time.perf_counter()
        n = sum(len(temporal.tag(text, dct)) for text, dct in texts)
        return {"seconds": time.perf_counter() - t0, "timexes": n}
    batch_size, n_process = parse_settings(len(articles), settings)
    if stage == "spacy":
        import spacy

        # the raw pipeline as spaCy ships it, not load_nlp's (which adds and swaps components)
        nlp = spacy.load(settings.spacy_model)
        texts = [body_text(a) for a in articles]
        t0 = time.perf_counter()
        sents = sum(
            sum(1 for _ in d.sents)
            for d in nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
        )
        secs = time.perf_counter() - t0
        return {"seconds": secs, "sentences": sents, "batch": batch_size, "procs": n_process}
    if stage == "extract":
        from newsevents.extract import extract_articles

        t0 = time.perf_counter()
        res = extract_articles(articles)
        secs = time.perf_counter() - t0
        return {
            "seconds": secs,
            "events": sum(len(r.events) for r in res),
            "sentences": sum(r.sentences for r in res),
        }
    if stage == "prefilter":
        return prefilter(articles)
    raise SystemExit(f"unknown stage {stage}")


def warm_rerun(corpus: Path, db: Path) -> dict[str, object]:
    """The pipeline flow twice in this process; the second call, a warm no-op, is timed."""
    from flows.pipeline import pipeline

    pipeline(input_dir=corpus, warehouse_path=db)
    t0 = time.perf_counter()
    summary = pipeline(input_dir=corpus, warehouse_path=db)
    secs = time.perf_counter() - t0
    assert summary.articles_extracted == 0, summary
    return {"seconds": secs, "spacy_loaded": "spacy" in sys.modules}


def _trigger_lemmas() -> frozenset[str]:
    from newsevents.extract import triggers

    words: set[str] = set()
    for table in (
        triggers.STATEMENT_VERBS,
        triggers.TALKS_VERBS,
        triggers.ATTACK_VERBS,
        triggers.DEPLOYMENT_VERBS,
        triggers.NOUN_CLASSES,
    ):
        words.update(w.split()[0] for w in table)
    return frozenset(words)


def prefilter(articles: list) -> dict[str, object]:
    """What a lexical pre-filter (keep sentences holding a trigger lemma) would skip.

    Lemmas come from the full parse here, which is optimistic: a real pre-filter would
    see only a cheap tokenizer's forms. An extracted event whose evidence starts in a
    skipped sentence means the filter would change extraction output.
    """
    from newsevents.extract import extract_articles
    from newsevents.extract.nlp import body_text, load_nlp
    from newsevents.lexicon.verbs import noun_classes, verb_classes
    from newsevents.settings import get_settings

    nlp = load_nlp(get_settings().spacy_model)
    lemmas = _trigger_lemmas()

    def is_trigger(tok) -> bool:
        lem = tok.lemma_.lower()
        return lem in lemmas or bool(verb_classes(lem)) or bool(noun_classes(lem))

    texts = [body_text(a) for a in articles]
    docs = list(nlp.pipe(texts, batch_size=64))
    results = extract_articles(articles)
    kept_text: list[str] = []
    total = skipped = 0
    tok_total = tok_kept = 0
    lost = 0
    for doc, res in zip(docs, results, strict=True):
        skipped_spans = []
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            total += 1
            tok_total += len(sent)
            if any(is_trigger(t) for t in sent):
                kept_text.append(sent.text)
                tok_kept += len(sent)
            else:
                skipped += 1
                skipped_spans.append((sent.start_char, sent.end_char))
        for ev in res.events:
            if any(s <= ev.evidence_start < e for s, e in skipped_spans):
                lost += 1
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    full = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in nlp.pipe(kept_text, batch_size=256):
        pass
    kept = time.perf_counter() - t0
    blank = _sentencizer_seconds(texts)
    return {
        "seconds": full,
        "sentences_total": total,
        "sentences_skipped": skipped,
        "tokens_total": tok_total,
        "tokens_kept": tok_kept,
        "events": sum(len(r.events) for r in results),
        "events_in_skipped_sentences": lost,
        "parse_all_seconds": full,
        "parse_kept_seconds": kept,
        "cheap_split_seconds": blank,
    }


def _sentencizer_seconds(texts: list[str]) -> float:
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    t0 = time.perf_counter()
    for _ in blank.pipe(texts, batch_size=256):
        pass
    return time.perf_counter() - t0


# ---------------------------------------------------------------------------- measuring


def _tree_rss(pid: int) -> int:
    try:
        import psutil
    except ImportError:  # psutil comes with distributed; without it, count the child only
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        return 0
    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def measured(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Run ``cmd``; return wall seconds, peak RSS of its process tree, and stdout."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            with contextlib.suppress(OSError):
                peak = max(peak, _tree_rss(proc.pid))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    stop.set()
    sampler.join()
    if proc.returncode not in (0, 4):
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-3000:]}")
    return wall, peak, out


def run_child(
    stage: str, corpus: Path, env: dict[str, str] | None = None, db: Path | None = None
) -> tuple[dict[str, object], int]:
    cmd = [sys.executable, __file__, "--child", stage, "--corpus", str(corpus)]
    if db is not None:
        cmd += ["--db", str(db)]
    _, peak, out = measured(cmd, env or dict(os.environ))
    return json.loads(out.strip().splitlines()[-1]), peak


def run_pipeline(
    corpus: Path, db: Path, home: Path, runner: str, *, fresh: bool, extra: tuple[str, ...] = ()
) -> tuple[float, int, dict]:
    """``newsevents run`` in a subprocess; ``fresh`` drops the warehouse and extraction cache."""
    if fresh:
        for p in (db, db.with_suffix(".duckdb.wal")):
            p.unlink(missing_ok=True)
        shutil.rmtree(home / "storage", ignore_errors=True)
    env = dict(os.environ, PREFECT_HOME=str(home))
    env.pop("PREFECT_API_URL", None)
    exe = str(Path(sys.executable).with_name("newsevents"))
    cmd = [exe, "run", "--input", str(corpus), "--warehouse", str(db), "--runner", runner]
    wall, peak, out = measured([*cmd, *extra, "--json"], env)
    return wall, peak, json.loads(out[out.index("{") :])


# ---------------------------------------------------------------------------- table


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}" if x >= 10 else f"{x:.2f}"


def row(stage: str, n: int, stats: dict[str, int], secs: list[float], peak: int) -> dict:
    med = statistics.median(secs)
    return {
        "stage": stage,
        "n": n,
        "runs": len(secs),
        "seconds": med,
        "min": min(secs),
        "max": max(secs),
        "articles_s": stats["articles"] / med,
        "sentences_s": stats["sentences"] / med,
        "words_s": stats["words"] / med,
        "peak_mb": peak / 2**20,
    }


def load_without_mentions(corpus: Path, db: Path) -> int:
    """Load every staged article of ``corpus`` into a fresh warehouse, with no mentions.

    This stands in for a warehouse that has loaded N articles when extracting N is out of
    reach. It streams as the flow does: windows of ``window_size`` articles, each loaded
    with its file manifest rows and without the rebuild, then one rebuild.
    """
    from newsevents import staging, warehouse
    from newsevents.extract import EXTRACTOR_VERSION
    from newsevents.settings import get_settings
    from schemas import ExtractionResult

    for p in (db, db.with_suffix(".duckdb.wal")):
        p.unlink(missing_ok=True)
    n = 0
    with warehouse.connect(db) as con:
        warehouse.migrate(con)
        for part in staging.batched(staging.iter_stage(corpus), get_settings().window_size):
            results = [
                ExtractionResult(
                    article_id=a.article_id,
                    content_hash=a.content_hash,
                    extractor_version=EXTRACTOR_VERSION,
                )
                for a in part.articles
            ]
            warehouse.load(
                con, part.articles, results, part.quarantined, files=part.files, rebuild=False
            )
            n += len(part.articles)
        warehouse.finish(con)
    return n


def markdown(rows: list[dict], skipped: list[tuple[str, int, str]]) -> str:
    lines = [
        "| stage | N | runs | median s (min-max) | articles/s | sentences/s | words/s "
        "| × spaCy baseline | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    base = {r["n"]: r["seconds"] for r in rows if r["stage"] == "spacy"}
    for r in rows:
        ratio = f"{base[r['n']] / r['seconds']:.2f}" if r["n"] in base else "not measured"
        if r["stage"].startswith("rerun"):
            ratio = "—"
        lines.append(
            f"| {r['stage']} | {r['n']:,} | {r['runs']} | {_fmt(r['seconds'])} "
            f"({_fmt(r['min'])}-{_fmt(r['max'])}) | {_fmt(r['articles_s'])} | "
            f"{_fmt(r['sentences_s'])} | {_fmt(r['words_s'])} | {ratio} | {r['peak_mb']:,.0f} |"
        )
    for stage, n, why in skipped:
        lines.append(f"| {stage} | {n:,} | 0 | not measured: {why} | | | | | |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--stages", default=",".join(STAGES))
    ap.add_argument(
        "--runners",
        default="thread",
        help="task runners to time `newsevents run` with, comma-separated (thread,process,dask); "
        "the last one is used for the reruns",
    )
    ap.add_argument("--budget", type=float, default=300.0, help="max estimated s per stage/N")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "ne-bench")
    ap.add_argument(
        "--rerun-synthetic",
        type=int,
        default=0,
        help="also time a no-op rerun over N articles loaded without extraction (no mentions)",
    )
    ap.add_argument(
        "--window", type=int, help="NEWSEVENTS_WINDOW_SIZE for the `newsevents run` children"
    )
    ap.add_argument("--markdown", type=Path, help="also write the table here")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child == "warm-rerun":
        print(json.dumps(warm_rerun(args.corpus, args.db)))
        return
    if args.child:
        print(json.dumps(child(args.child, args.corpus)))
        return
    if args.window:
        os.environ["NEWSEVENTS_WINDOW_SIZE"] = str(args.window)

    sizes = sorted(int(s) for s in args.sizes.split(","))
    stages = [s for s in STAGES if s in args.stages.split(",")]
    runners = args.runners.split(",")
    runner = runners[-1]
    plan = [(s, r) for s in stages for r in (runners if s == "run" else [""])]
    args.workdir.mkdir(parents=True, exist_ok=True)
    home = args.workdir / "prefect-home"
    rows: list[dict] = []
    skipped: list[tuple[str, int, str]] = []
    per_article: dict[str, float] = {}  # stage -> seconds per article at the last N measured
    loaded_n = 0
    notes: list[str] = []
    if "run" in stages or args.rerun_synthetic:
        # Prefect creates its database on first use; pay that once, outside the timings
        warm = args.workdir / "warm"
        build_corpus(warm, 21)
        run_pipeline(warm, args.workdir / "warm.duckdb", home, runner, fresh=True)
    for n in sizes:
        corpus = args.workdir / f"corpus-{n}"
        t0 = time.perf_counter()
        build_corpus(corpus, n)
        stats = corpus_stats(n)
        print(f"N={n}: corpus ready in {time.perf_counter() - t0:.1f} s: {stats}", flush=True)
        for stage, kind in plan:
            if stage in ("rerun", "prefilter"):
                continue
            name = f"{stage} ({kind})" if kind else stage
            est = per_article.get(name, 0.0) * n * args.repeats
            if est > args.budget:
                why = (
                    f"{args.repeats} runs would take ~{est:,.0f} s at the per-article cost "
                    f"measured at a smaller N, over the {args.budget:.0f} s budget"
                )
                skipped.append((name, n, why))
                print(f"  {name}: skipped ({why})", flush=True)
                continue
            secs: list[float] = []
            peak = 0
            for _ in range(args.repeats):
                if stage == "run":
                    db = args.workdir / f"run-{n}.duckdb"
                    wall, p, summary = run_pipeline(corpus, db, home, kind, fresh=True)
                    assert summary["articles_extracted"] == n, summary
                    secs.append(wall)
                    loaded_n = n
                else:
                    info, p = run_child(stage, corpus)
                    secs.append(float(info["seconds"]))
                    if stage == "spacy" and info["sentences"] != stats["sentences"]:
                        notes.append(f"N={n}: spaCy counted {info['sentences']} sentences")
                peak = max(peak, p)
            per_article[name] = statistics.median(secs) / n
            rows.append(row(name, n, stats, secs, peak))
            r = rows[-1]
            print(
                f"  {name}: {r['seconds']:.2f} s ({r['min']:.2f}-{r['max']:.2f}), "
                f"{r['articles_s']:.1f} art/s, {r['sentences_s']:.0f} sent/s, "
                f"peak {r['peak_mb']:.0f} MB",
                flush=True,
            )
    if "rerun" in stages and loaded_n:
        corpus = args.workdir / f"corpus-{loaded_n}"
        db = args.workdir / f"run-{loaded_n}.duckdb"
        secs, peak = [], 0
        for _ in range(args.repeats):
            wall, p, summary = run_pipeline(corpus, db, home, runner, fresh=False)
            assert summary["articles_extracted"] == 0, summary
            secs.append(wall)
            peak = max(peak, p)
        rows.append(row("rerun", loaded_n, corpus_stats(loaded_n), secs, peak))
        print(f"  rerun at N={loaded_n}: {statistics.median(secs):.2f} s", flush=True)
    if args.rerun_synthetic:
        n = args.rerun_synthetic
        corpus = args.workdir / f"corpus-{n}"
        build_corpus(corpus, n)
        db = args.workdir / f"synthetic-{n}.duckdb"
        t0 = time.perf_counter()
        loaded = load_without_mentions(corpus, db)
        print(f"  loaded {loaded} articles without mentions in {time.perf_counter() - t0:.1f} s")
        env = dict(os.environ, PREFECT_HOME=str(home))
        env.pop("PREFECT_API_URL", None)
        for mode in ("cold CLI, preflight", "cold CLI, --no-preflight", "warm flow"):
            secs, peak = [], 0
            for _ in range(args.repeats):
                if mode == "warm flow":
                    info, p = run_child("warm-rerun", corpus, env, db)
                    wall = float(info["seconds"])
                    if info["spacy_loaded"]:
                        notes.append("warm no-op flow: spaCy was imported")
                else:
                    extra = ("--no-preflight",) if "no-preflight" in mode else ()
                    wall, p, summary = run_pipeline(
                        corpus, db, home, runner, fresh=False, extra=extra
                    )
                    assert summary["articles_extracted"] == 0, summary
                    assert summary["articles_unchanged"] == n, summary
                secs.append(wall)
                peak = max(peak, p)
            r = row("rerun", n, corpus_stats(n), secs, peak)
            r["stage"] = f"no-op rerun, {n:,} loaded: {mode}"
            rows.append(r)
            print(f"  no-op rerun at N={n} ({mode}): {statistics.median(secs):.2f} s", flush=True)
    if "prefilter" in stages:
        n = sizes[0]
        info, _ = run_child("prefilter", args.workdir / f"corpus-{n}")
        notes.append(f"prefilter at N={n}: {json.dumps(info)}")
    table = markdown(rows, skipped)
    print()
    print(table)
    for note in notes:
        print(note)
    if args.markdown:
        args.markdown.write_text(table + "\n\n" + "\n".join(notes) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
