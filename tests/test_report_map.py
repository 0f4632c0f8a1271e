"""The report's map draws country outlines from a file installed with a PyPI package, inline
in the page: nothing is downloaded, and only the countries in view are carried."""

from __future__ import annotations

import re
import socket
import sysconfig
from pathlib import Path
from typing import Any

import pytest

from newsevents.report import ReportFilter, render_html
from newsevents.report.charts import country_outlines, map_svg, outlines_path, thin_ring
from newsevents.report.data import ReportData

COUNTRY = re.compile(r'<g id="country-([A-Z]{3})"')
# the same places as the seeds report's, far apart: the whole northern hemisphere and more
WORLD = [
    ("Canberra", -35.28, 149.13),
    ("Washington", 38.9, -77.04),
    ("Brasilia", -15.79, -47.88),
    ("Moscow", 55.75, 37.62),
    ("Nairobi", -1.29, 36.82),
]
LEVANT = [("Idlib", 35.85, 36.6), ("Ankara", 39.92, 32.85)]


def _data(places: list[tuple[str, float, float]]) -> ReportData:
    locations: list[dict[str, Any]] = [
        {"name": n, "country": None, "lat": lat, "lon": lon, "events": 1, "types": ["attack"]}
        for n, lat, lon in places
    ]
    return ReportData(
        filter=ReportFilter.parse(None, None, None),
        events=[],
        daily=[],
        dyads=[],
        locations=locations,
        articles=[],
    )


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a network connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the map tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_outlines_are_an_installed_package_file() -> None:
    path = outlines_path()
    site = {Path(sysconfig.get_paths()[k]).resolve() for k in ("purelib", "platlib")}
    assert path.is_file() and any(s in path.resolve().parents for s in site)
    codes = {iso3 for iso3, _ in country_outlines()}
    assert len(codes) > 200 and {"TUR", "SYR", "RUS", "USA", "AUS", "BRA"} <= codes


def test_a_world_map_draws_the_countries_inline(offline: None) -> None:
    svg = map_svg(_data(WORLD))
    drawn = set(COUNTRY.findall(svg))
    assert len(drawn) > 100 and {"AUS", "USA", "BRA", "RUS", "KEN"} <= drawn
    assert not re.search(r"(?:href|src)=\"https?:|url\(\s*['\"]?https?:", svg)


def test_a_regional_map_carries_only_the_countries_in_view(offline: None) -> None:
    svg = map_svg(_data(LEVANT))
    drawn = set(COUNTRY.findall(svg))
    assert {"TUR", "SYR", "CYP", "LBN"} <= drawn
    assert not drawn & {"USA", "AUS", "BRA", "CHN"} and len(drawn) < 40
    assert len(svg) < len(map_svg(_data(WORLD))) / 2


def test_the_page_holds_the_outlines_and_credits_them(offline: None) -> None:
    page = render_html(_data(WORLD))
    assert len(COUNTRY.findall(page)) > 100
    assert "World Borders Dataset" in page and "CC BY-SA 3.0" in page
    assert not re.search(r"<link\b|<script\b|@import", page, re.I)
    assert not re.search(r"\b(?:src|href|xlink:href)=\"https?:", page)


@pytest.mark.parametrize(
    ("ring", "tolerance", "want"),
    [
        # a square with a point close to a corner: the close point goes
        (
            [(0, 0), (0.01, 0), (1, 0), (1, 1), (0, 1), (0, 0)],
            0.1,
            [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)],
        ),
        # nothing closer than the tolerance: unchanged
        ([(0, 0), (1, 0), (1, 1), (0, 0)], 0.5, [(0, 0), (1, 0), (1, 1), (0, 0)]),
        # an island smaller than the tolerance: gone
        ([(0, 0), (0.01, 0), (0.01, 0.01), (0, 0.01), (0, 0)], 0.1, []),
    ],
)
def test_thin_ring(
    ring: list[tuple[float, float]], tolerance: float, want: list[tuple[float, float]]
) -> None:
    got = thin_ring(ring, tolerance)
    assert got == want
    assert not got or (got[0] == ring[0] and got[-1] == ring[-1])
