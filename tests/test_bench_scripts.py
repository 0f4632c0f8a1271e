"""The dev-material bench scripts' scoring, on tiny synthetic inputs (none from ../shared)."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from newsevents import evaluate

from .conftest import GOLD, load_bench

realnews, case, plover = load_bench("score_realnews"), load_bench("case2021"), load_bench("plover")
SCORER = evaluate.load_scorer(GOLD / "score_events.py")


def _ev(article: str, type_: str, country: str | None, evidence: str, **kw: object) -> dict:
    base = {
        "article": article,
        "type": type_,
        "subtype": None,
        "status": "occurred",
        "date": "2024-05-02",
        "precision": "day",
        "date_text": "",
        "actor": {"name": country, "country": country} if country else None,
        "target": None,
        "evidence": evidence,
    }
    return base | kw


# ---------------------------------------------------------------- tables


@pytest.mark.parametrize(
    ("rows", "cols", "head", "expected"),
    [
        (
            {"all": {"gold": 3, "f1": 0.5}},
            ("gold", "f1"),
            "type",
            ["type              gold         f1", "all                  3        0.5"],
        ),
        (  # a long key widens the first column; a long column name its own; a gap prints "-"
            {"NON_STATE_ACTOR": {"attack_rate": 1.0}},
            ("attack_rate", "x"),
            "subtype",
            [
                "subtype          attack_rate          x",
                "NON_STATE_ACTOR          1.0          -",
            ],
        ),
    ],
)
def test_format_table(rows: dict, cols: tuple, head: str, expected: list[str]) -> None:
    assert evaluate.format_table(rows, cols, head=head).splitlines() == expected


# ---------------------------------------------------------------- realnews


GOLD_EVENTS = [
    _ev("a1", "attack", "AAA", "Rebels shelled the town of Northfield on Thursday", id="e1"),
    _ev("a1", "talks", "BBB", "The two foreign ministers met in Southport on Thursday", id="e2"),
    _ev(
        "a1",
        "statement",
        "CCC",
        "The minister said the ceasefire would hold",
        id="e3",
        target={"name": "EEE", "country": "EEE"},
    ),
]
for g in GOLD_EVENTS:
    g["optional"] = False
PREDS = [
    # right type, actor and date: a strict hit
    _ev("a1", "attack", "AAA", "Rebels shelled the town of Northfield on Thursday"),
    # the talks coded as a statement: a miss of another type, plus a false alarm
    _ev("a1", "statement", "BBB", "The two foreign ministers met in Southport on Thursday"),
    # the statement with a wrong actor and no target: lenient hit, strict miss
    _ev("a1", "statement", "DDD", "The minister said the ceasefire would hold"),
]


def test_score_realnews_figures() -> None:
    res = realnews.score_realnews(SCORER, GOLD_EVENTS, PREDS)
    assert (res["all"]["gold"], res["all"]["pred"]) == (3, 3)
    # one strict hit of three gold and three predicted; two share the gold evidence
    assert res["all"]["strict_f1"] == pytest.approx(0.333, abs=1e-3)
    assert res["all"]["lenient_f1"] == pytest.approx(0.667, abs=1e-3)
    assert (res["statement"]["date_acc"], res["statement"]["actor_acc"]) == (1.0, 0.0)
    assert res["talks"]["strict_r"] == 0.0


def test_diff_lines_name_the_wrong_fields_and_the_wrong_type() -> None:
    lines = evaluate.diff_lines(SCORER, GOLD_EVENTS, PREDS, fields=True)
    assert lines[:2] == ["", "=== a1"]
    ok = [x for x in lines if x.startswith("OK  e1")]
    assert ok and "|" not in ok[0].split("::")[1]  # nothing wrong on the strict hit
    bad = next(x for x in lines if x.startswith("BAD e3"))
    assert bad.endswith("| actor CCC>DDD | target EEE>None")
    miss = next(x for x in lines if x.startswith("MISS e2"))
    assert miss.endswith("| pred as statement/None")
    assert sum(x.startswith("FP ") for x in lines) == 1
    # without ``fields`` the lines are score_seeds.py's: no field notes, no other-type hint
    plain = evaluate.diff_lines(SCORER, GOLD_EVENTS, PREDS)
    assert not any("| actor " in x or "pred as" in x for x in plain)


# ---------------------------------------------------------------- CASE 2021


CASE_ROWS = [
    case.Row("1", "Gunmen opened fire on a checkpoint", "ARMED_CLASH"),
    case.Row("2", "A roadside bomb went off near a market", "REM_EXPLOS"),
    case.Row("3", "Thousands marched peacefully through the capital", "PEACE_PROTEST"),
    case.Row("4", "The two parties signed a trade accord", "AGREEMENT"),
    case.Row("5", "The group opened a new base in the hills", "HQ_ESTABLISHED"),
    case.Row("6", "Police detained three men", "ARREST"),
]
CASE_EVENTS = {
    "1": [_ev("d1", "attack", "XXX", "Gunmen opened fire"), _ev("d1", "statement", None, "s")],
    "2": [_ev("d2", "statement", None, "A roadside bomb went off")],
    "3": [_ev("d3", "attack", None, "Thousands marched")],
    "4": [],
    "5": [_ev("d5", "deployment", "YYY", "opened a new base")],
    "6": [_ev("d6", "attack", None, "detained")],
}


def test_score_case_figures() -> None:
    res = case.score_case(CASE_ROWS, CASE_EVENTS)
    assert (res["attack_hits"], res["attack_rows"], res["attack_recall"]) == (1, 2, 0.5)
    assert (res["false_alarms"], res["none_rows"], res["false_alarm_rate"]) == (1, 2, 0.5)
    assert (res["deployment_hits"], res["deployment_rows"], res["deployment_recall"]) == (1, 1, 1.0)
    sub = res["subtypes"]
    assert sub["ARMED_CLASH"].items() >= {"group": "attack", "attack": 1, "statement": 1}.items()
    assert sub["REM_EXPLOS"]["attack_rate"] == 0.0 and sub["REM_EXPLOS"]["statement"] == 1
    assert sub["AGREEMENT"]["no_event"] == 1
    assert sub["ARREST"]["group"] == "unscored"  # its attack is neither a hit nor a false alarm


def test_case_diff_lists_misses_and_false_alarms() -> None:
    lines = case.diff_lines(CASE_ROWS, CASE_EVENTS)
    assert "=== MISSED ATTACK (1)" in lines
    i = lines.index("2 REM_EXPLOS :: A roadside bomb went off near a market")
    assert lines[i + 1].startswith("    -> statement/None")
    assert "=== MISSED DEPLOYMENT (0)" in lines
    i = lines.index("=== FALSE ALARM (1)")
    assert lines[i + 1] == "3 PEACE_PROTEST :: Thousands marched peacefully through the capital"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops entered the town", "Troops entered the town."),
        ("Troops entered the town.", "Troops entered the town."),
        ('He said "they left."', 'He said "they left."'),
        ("Was it shelled?  ", "Was it shelled?  "),
        ("Rockets hit the base  ", "Rockets hit the base."),
    ],
)
def test_with_stop(text: str, expected: str) -> None:
    assert case.with_stop(text) == expected


def test_read_rows_keeps_quotes_and_limits(tmp_path: Path) -> None:
    tsv = tmp_path / "dev.tsv"
    tsv.write_text(
        'id\tEventSnippet\tSubType\n1\tHe said "no\tDIPLO\n2\tTwo\tATTACK\n', encoding="utf-8"
    )
    assert case.read_rows(tsv) == [
        case.Row("1", 'He said "no', "DIPLO"),
        case.Row("2", "Two", "ATTACK"),
    ]
    assert case.read_rows(tsv, limit=1) == [case.Row("1", 'He said "no', "DIPLO")]


# ---------------------------------------------------------------- PLOVER


def _rec(id_: str, cat: str, type_: str | None, actors: list[str], targets: list[str]) -> dict:
    return {
        "id": id_,
        "text": f"text of {id_}",
        "plover_event": cat,
        "type": type_,
        "actor": [{"country": c} for c in actors],
        "target": [{"country": c} for c in targets],
    }


RECORDS = [
    _rec("p1", "ASSAULT", "attack", ["AAA"], ["BBB"]),
    _rec("p2", "ASSAULT", "attack", ["AAA"], []),
    _rec("p3", "FIGHT", "attack", ["JAP"], []),
    _rec("p4", "CONSULT", "talks", ["AAA"], ["BBB"]),
    _rec("p5", "DEMAND", "statement", ["IGO"], []),
    _rec("p6", "AID", None, ["AAA"], []),
]
PLOVER_EVENTS = {
    "p1": [_ev("d1", "attack", "BBB", "x")],  # the target's country: a wrong actor
    "p2": [_ev("d2", "statement", "AAA", "x")],  # no attack: a miss
    "p3": [_ev("d3", "attack", "JPN", "x")],  # the CAMEO code JAP is ISO-3 JPN
    "p4": [_ev("d4", "talks", "BBB", "x")],  # talks: either side counts
    "p5": [_ev("d5", "statement", "UNO", "x")],  # IGO: any body code counts
    "p6": [_ev("d6", "statement", "AAA", "x")],
}


def test_score_plover_figures() -> None:
    res = plover.score_plover(RECORDS, PLOVER_EVENTS, {"UNO", "EUR"})
    t = res["types"]
    assert (t["all"]["rows"], t["all"]["hits"], t["all"]["actor_ok"]) == (5, 4, 3)
    assert (t["attack"]["recall"], t["attack"]["actor_acc"]) == (0.667, 0.5)
    assert (t["talks"]["recall"], t["talks"]["actor_acc"]) == (1.0, 1.0)
    assert t["statement"]["actor_acc"] == 1.0
    cats = res["categories"]
    assert cats["ASSAULT"].items() >= {"rows": 2, "hits": 1, "recall": 0.5, "statement": 1}.items()
    # a category of none of ours has no recall; it shows which of our types it yields
    assert cats["AID"]["recall"] is None and cats["AID"]["statement"] == 1
    assert "deployment" not in t  # no record of that type: no row


def test_plover_diff_lists_misses_and_wrong_actors() -> None:
    lines = plover.diff_lines(RECORDS, PLOVER_EVENTS, {"UNO"})
    assert "=== ASSAULT -> attack" in lines
    assert "ACTOR p1 want attack AAA :: text of p1" in lines
    i = lines.index("MISS  p2 want attack AAA :: text of p2")
    assert lines[i + 1] == "    -> statement/None AAA/AAA"
    assert not any(" p3 " in x or " p4 " in x or " p6 " in x for x in lines)


# ---------------------------------------------------------------- corpus and CLI guard


def test_write_corpus_stores_a_repeated_text_once(tmp_path: Path) -> None:
    ids = evaluate.write_corpus(
        tmp_path, [("a", "One."), ("b", "Two."), ("c", "One.")], "2021-01-01", "S"
    )
    assert ids == {"d00000": ["a", "c"], "d00001": ["b"]}
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "articles.csv",
        "d00000.txt",
        "d00001.txt",
    ]
    manifest = (tmp_path / "articles.csv").read_text(encoding="utf-8").splitlines()
    assert manifest[1] == "d00000,S,,2021-01-01,"


FAKE_CLI = textwrap.dedent(
    """
    import json, sys, time
    cmd = sys.argv[1]
    if cmd == "run" and "{mode}" == "hang":
        time.sleep(120)
    if cmd == "run" and "{mode}" == "fail":
        sys.exit(3)
    if cmd == "run":
        q = [{{"source_path": "in/d00001.txt", "reason": "not_english", "message": "m",
              "article_id": "d00001"}}]
        print("progress\\n" + json.dumps({{"quarantined": q}}))
        sys.exit(4)  # a data check flagged rows: still a result
    out = sys.argv[sys.argv.index("--out") + 1]
    row = {{"article": "d00000", "type": "attack"}}
    open(out, "w").write(json.dumps(row) + "\\n")
    """
)


def _fake_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, mode: str) -> None:
    script = tmp_path / "fake_cli.py"
    script.write_text(FAKE_CLI.format(mode=mode), encoding="utf-8")
    monkeypatch.setattr(evaluate, "cli_command", lambda: [sys.executable, str(script)])


def test_run_snippets_maps_events_and_quarantine_back_to_items(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _fake_cli(monkeypatch, tmp_path, "ok")
    items = [("x1", "Same text."), ("x2", "Other."), ("x3", "Same text.")]
    events, refused = evaluate.run_snippets(items, "2021-01-01", "S", 60, tmp_path / "w")
    assert [e["type"] for e in events["x1"]] == ["attack"] and events["x3"] == events["x1"]
    assert events["x2"] == []
    assert refused == {"x2": "not_english"}


@pytest.mark.parametrize(
    ("mode", "message"), [("hang", "did not finish within 2 s"), ("fail", "exited 3")]
)
def test_run_cli_reports_a_hang_or_a_failure(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, mode: str, message: str
) -> None:
    _fake_cli(monkeypatch, tmp_path, mode)
    with pytest.raises(evaluate.CliError, match=message):
        evaluate.run_cli(tmp_path, tmp_path, timeout=2)


def test_require_shared_says_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=r"case2021/dev\.tsv not found"):
        evaluate.require_shared(tmp_path, "case2021", "dev.tsv")
    assert evaluate.require_shared(tmp_path) == tmp_path


def test_run_bench_says_why_and_returns_none(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fake_cli(monkeypatch, tmp_path, "fail")
    args = evaluate.bench_parser("doc").parse_args(
        ["--keep", str(tmp_path / "w"), "--timeout", "30"]
    )
    assert evaluate.run_bench("case2021", args, [("x", "Text.")], "2021-01-01") is None
    assert "case2021: newsevents run exited 3" in capsys.readouterr().err
    assert (tmp_path / "w" / "input" / "d00000.txt").read_text(encoding="utf-8") == "Text."
