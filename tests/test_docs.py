"""The README and docs/ stay true to the code: a short README from which every page is
reachable, links that resolve, every setting documented once with its default, every
quarantine reason and command listed, and a Layout that names every module."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
import typer

from newsevents import staging
from newsevents.cli import app
from newsevents.settings import Settings
from schemas import ExtractionFailureReason

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))
MANUAL = [README, *PAGES]

LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.M | re.S)
SETTINGS_HEADER = ["variable", "default", "what it does"]
REASONS_HEADER = ["reason", "what happened"]


def prose(path: Path) -> str:
    """The Markdown of ``path`` without its fenced code blocks."""
    return FENCE.sub("", path.read_text(encoding="utf-8"))


def anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of ``path`` (a repeated heading gets -1, -2...)."""
    found: set[str] = set()
    counts: dict[str, int] = {}
    for line in prose(path).splitlines():
        heading = re.match(r"#{1,6} (.+)", line)
        if heading:
            slug = re.sub(r"[^\w\- ]", "", heading.group(1).strip().lower()).replace(" ", "-")
            n = counts.get(slug, 0)
            counts[slug] = n + 1
            found.add(slug if n == 0 else f"{slug}-{n}")
    return found


def cells(line: str) -> list[str]:
    """The cells of a Markdown table row (``a | b`` escapes kept as written)."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def table_rows(path: Path, header: list[str]) -> list[list[str]]:
    """The rows of every table in ``path`` whose header is ``header``, in order."""
    rows: list[list[str]] = []
    lines = prose(path).splitlines()
    for i, line in enumerate(lines):
        if line.startswith("|") and cells(line) == header:
            for row in lines[i + 2 :]:
                if not row.startswith("|"):
                    break
                rows.append(cells(row))
    return rows


def shown(default: object) -> str:
    """How the settings table writes a default."""
    if default is None:
        return "unset"
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    if isinstance(default, float) and default.is_integer():
        return f"`{int(default)}`"
    return f"`{default}`"


def layout_paths() -> list[str]:
    """The paths named in the README's Layout block: two spaces of indent per folder level."""
    section = README.read_text(encoding="utf-8").split("\n## Layout\n", 1)[1]
    block = section.split("```", 2)[1]
    paths: list[str] = []
    folders: list[str] = []
    for line in block.splitlines()[1:]:
        entry = re.match(r"( *)(\S+)", line)
        if not entry:
            continue
        depth = len(entry.group(1)) // 2
        folders = folders[:depth]
        paths.append("".join(folders) + entry.group(2))
        if entry.group(2).endswith("/"):
            folders.append(entry.group(2))
    return paths


def test_readme_stays_a_front_door() -> None:
    assert len(README.read_text(encoding="utf-8").splitlines()) < 200


def test_every_docs_page_is_linked_from_the_readme() -> None:
    linked = {(README.parent / t.split("#")[0]).resolve() for t in LINK.findall(prose(README))}
    assert PAGES, "docs/ holds no page"
    assert [p.name for p in PAGES if p.resolve() not in linked] == []


@pytest.mark.parametrize("page", MANUAL, ids=lambda p: p.name)
def test_links_resolve(page: Path) -> None:
    broken = []
    for target in LINK.findall(prose(page)):
        if re.match(r"[a-z]+:", target):  # http(s), mailto: not ours to check offline
            continue
        file, _, anchor = target.partition("#")
        path = (page.parent / file).resolve() if file else page
        if not path.exists() or (anchor and path.suffix == ".md" and anchor not in anchors(path)):
            broken.append(target)
    assert broken == []


def test_anchors_follow_github(tmp_path: Path) -> None:
    """The slug rule the link check relies on, on headings like the manual's."""
    page = tmp_path / "page.md"
    page.write_text("# `newsevents run`\n## Offsets, encodings and HTML\n## A b\n## A b\n")
    assert anchors(page) == {"newsevents-run", "offsets-encodings-and-html", "a-b", "a-b-1"}


def test_every_setting_is_documented_once_with_its_default() -> None:
    rows = [row for page in MANUAL for row in table_rows(page, SETTINGS_HEADER)]
    names = [row[0] for row in rows]
    expected = {
        f"`NEWSEVENTS_{name.upper()}`": shown(field.default)
        for name, field in Settings.model_fields.items()
    }
    assert sorted(n for n in set(names) if names.count(n) > 1) == []
    assert sorted(names) == sorted(expected)
    assert {row[0]: row[1] for row in rows} == expected
    assert all(row[2] for row in rows), "a setting without a description"


def test_every_quarantine_reason_is_in_the_reason_table() -> None:
    rows = table_rows(DOCS / "inputs.md", REASONS_HEADER)
    codes = [row[0].strip("`") for row in rows]
    expected = set(staging.REASONS) | set(typing.get_args(ExtractionFailureReason))
    assert sorted(codes) == sorted(expected)


def test_every_command_is_in_the_readme_table() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    rows = table_rows(README, ["command", "what it does"])
    assert sorted(row[0] for row in rows) == sorted(f"`newsevents {c}`" for c in commands)


def modules_and_folders() -> list[str]:
    """What the Layout must name: the top folders, every folder and module of the code
    (package ``__init__.py`` files go with their folder), and every ``sql/`` folder."""
    found = [f"{top}/" for top in ("schemas", "sql", "bench", "scripts", "tests", "docs")]
    for top in ("newsevents", "flows"):
        found.append(f"{top}/")
        for path in sorted((ROOT / top).rglob("*")):
            rel = path.relative_to(ROOT).as_posix()
            if "__pycache__" in path.parts or path.parent.name in ("data", "templates"):
                continue
            if path.is_dir():
                found.append(f"{rel}/")
            elif path.suffix == ".py" and path.name != "__init__.py":
                found.append(rel)
    found += [f"sql/{p.name}/" for p in sorted((ROOT / "sql").iterdir()) if p.is_dir()]
    return found


def test_layout_names_every_module_and_nothing_that_is_gone() -> None:
    listed = layout_paths()
    assert [p for p in listed if not (ROOT / p).exists()] == []
    assert [p for p in modules_and_folders() if p not in listed] == []
