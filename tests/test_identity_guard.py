"""No identity comparison (``is`` / ``is not``) between ordinary values in the project's Python.

spaCy builds a new ``Token`` on every access, so ``tok.head is tok`` is never true and a loop
``while cur.head is not cur`` never ends at a root; strings and tuples have the same trap. An
identity test is allowed only against ``None``, ``True``, ``False``, ``...`` or a named
module-level sentinel (``_MISSING = object()``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("newsevents", "flows", "schemas", "scripts", "bench", "tests")


def _python_files() -> list[Path]:
    files: list[Path] = []
    for pkg in PACKAGES:
        files += sorted(p for p in (ROOT / pkg).rglob("*.py") if "gold" not in p.parts)
    return files


def _sentinels(tree: ast.Module) -> set[str]:
    """Module-level names bound to a bare ``object()``: the only objects compared by identity."""
    names: set[str] = set()
    for node in tree.body:
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        if (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and value.func.id == "object"
            and not value.args
            and not value.keywords
        ):
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def _allowed(node: ast.expr, sentinels: set[str]) -> bool:
    if isinstance(node, ast.Constant):
        value = node.value
        return value is None or value is True or value is False or value is ...
    return isinstance(node, ast.Name) and node.id in sentinels


def identity_offences(source: str, filename: str = "<string>") -> list[str]:
    """``file:line: code`` for each ``is`` / ``is not`` whose sides are not allowed."""
    tree = ast.parse(source, filename=filename)
    sentinels = _sentinels(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        left = node.left
        for op, right in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, ast.Is | ast.IsNot) and not (
                _allowed(left, sentinels) or _allowed(right, sentinels)
            ):
                code = ast.get_source_segment(source, node) or ast.dump(node)
                found.append((node.lineno, f"{filename}:{node.lineno}: {code}"))
            left = right
    return [msg for _, msg in sorted(found)]


GUARD_CASES = [
    # (source, offending?)
    ("x is None", False),
    ("x is not None", False),
    ("None is x", False),
    ("flag is True", False),
    ("flag is not False", False),
    ("x is ...", False),
    ("_MISSING = object()\ny = x is _MISSING", False),
    ("_MISSING: object = object()\ny = x is not _MISSING", False),
    ("a is b", True),
    ("tok.head is not tok", True),
    ("while cur.head is not cur:\n    cur = cur.head", True),
    ("kind is not str", True),
    ("type(v) is kind", True),
    ("alt is not c['name']", True),
    ("x is 'text'", True),
    ("x is 0", True),
    ("a < b is c", True),
    ("x is None is y", False),  # each link has None on one side
    # a sentinel must be module level and a bare object(): these are not sentinels
    ("def f():\n    _M = object()\n    return x is _M", True),
    ("_M = object(1)\ny = x is _M", True),
    ("_M = []\ny = x is _M", True),
    ("a == b", False),
    ("a.i != b.i", False),
    ("isinstance(v, str)", False),
]


@pytest.mark.parametrize(("source", "offending"), GUARD_CASES)
def test_guard_flags_exactly_the_identity_comparisons(source: str, offending: bool) -> None:
    found = identity_offences(source, "case.py")
    assert bool(found) == offending, found
    if offending:
        assert found[0].startswith("case.py:"), found


def test_guard_reports_file_and_line() -> None:
    found = identity_offences("x = 1\n\nif tok.head is tok:\n    pass\n", "pkg/mod.py")
    assert found == ["pkg/mod.py:3: tok.head is tok"]


def test_guard_sees_the_project() -> None:
    files = _python_files()
    names = {p.relative_to(ROOT).as_posix() for p in files}
    # the scan must reach every package; a wrong root would make the guard pass vacuously
    for expected in (
        "newsevents/extract/events.py",
        "newsevents/temporal/tense.py",
        "flows/pipeline.py",
        "schemas/__init__.py",
        "tests/test_identity_guard.py",
    ):
        assert expected in names
    assert len(files) > 40


def test_no_identity_comparisons_in_project() -> None:
    offences: list[str] = []
    for path in _python_files():
        rel = path.relative_to(ROOT).as_posix()
        offences += identity_offences(path.read_text(encoding="utf-8"), rel)
    assert not offences, (
        "identity comparison between values that are not singletons: compare spaCy tokens "
        "by .i or ==, strings and types with == or isinstance, objects with default "
        "equality (threads, tasks) with ==; `is` is for None, True, False, ... and a "
        "module-level `NAME = object()` sentinel:\n  " + "\n  ".join(offences)
    )
