"""The seeds' HTML report as a browser shows it: headless Chromium dumps the rendered DOM and
takes a screenshot. Skipped when Chromium is not installed (`.ci/run` installs it)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from newsevents import report, warehouse
from newsevents.staging import stage_directory

from .conftest import SEEDS

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FILTER = ("2020-02-01", "2020-02-29", None)


def _chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    assert CHROMIUM is not None
    cmd = [
        CHROMIUM,
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp / 'profile'}",
        "--window-size=1400,2000",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, timeout=120, check=True)


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """The seeds staged, extracted and loaded without Prefect, and their report for February
    2020; returns the page and the number of v_event_export rows in that filter."""
    from newsevents.extract import extract_articles

    tmp = tmp_path_factory.mktemp("report")
    staged = stage_directory(SEEDS)
    db = tmp / "events.duckdb"
    with warehouse.connect(db) as con:
        warehouse.migrate(con)
        warehouse.load(con, staged.articles, extract_articles(staged.articles), staged.quarantined)
    page = tmp / "report.html"
    report.write_report(db, page, report.ReportFilter.parse(*FILTER))
    with warehouse.connect(db, read_only=True) as con:
        (expected,) = con.execute(
            "SELECT count(*) FROM v_event_export WHERE CAST(date AS DATE) BETWEEN ? AND ?",
            list(FILTER[:2]),
        ).fetchone()
    return page, int(expected)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_browser_renders_timeline_and_every_event(
    seeds_report: tuple[Path, int], tmp_path: Path
) -> None:
    page, expected = seeds_report
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri()).stdout.decode("utf-8")
    timeline = re.search(r'<figure id="timeline"[^>]*>\s*<svg\b(.*?)</svg>', dom, re.S)
    assert timeline is not None, "no SVG timeline in the rendered page"
    assert timeline.group(1).count("<path") > 20  # bars, axes and glyphs were drawn
    assert re.search(r'<figure id="map"[^>]*>\s*<svg\b', dom)
    assert expected > 20
    assert len(re.findall(r'<tr class="event"', dom)) == expected


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_browser_screenshot_is_not_blank(seeds_report: tuple[Path, int], tmp_path: Path) -> None:
    from PIL import Image  # a matplotlib dependency

    page, _ = seeds_report
    shot = tmp_path / "r.png"
    _chromium(tmp_path, f"--screenshot={shot}", page.as_uri())
    assert shot.stat().st_size > 30_000
    with Image.open(shot) as img:
        assert img.size == (1400, 2000)
        rgb = img.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 16)
        # a rendered page has text, bars and badges: many colours, and no single one covers it
        assert colours is None or len(colours) > 50
        top = max(colours)[0] if colours else 0
        assert top < 0.9 * img.size[0] * img.size[1]
        # the event-type colours of the timeline's bars are on the screen
        reds = sum(n for n, (r, g, b) in (colours or []) if r > 170 and g < 80 and b < 70)
        assert colours is None or reds > 200
