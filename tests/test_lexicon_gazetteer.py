"""Table-driven tests for the gazetteer."""

from __future__ import annotations

import pytest

from newsevents.lexicon.gazetteer import is_place, lookup_place


@pytest.mark.parametrize(
    ("name", "hint", "canonical", "country", "lat", "lon"),
    [
        ("Idlib", None, None, "SYR", 35.9, 36.6),
        ("Saraqeb", None, "Saraqib", "SYR", 35.86, 36.8),
        ("Zhukovsky", None, None, "RUS", None, None),
        ("Munich", None, "Munich", "DEU", 48.1, 11.6),
        ("München", None, "Munich", "DEU", 48.1, 11.6),
        ("Hatay", None, None, "TUR", 36.4, 36.2),
        ("Deir ez-Zor", None, None, "SYR", None, None),
        ("Gaza", None, None, "PSE", 31.4, 34.4),
        ("the West Bank", None, "West Bank", "PSE", None, None),
        ("Donetsk", None, None, "UKR", 48.0, 37.8),
        ("Kherson", None, None, "UKR", None, None),
        ("Kiev", None, "Kyiv", "UKR", 50.45, 30.5),
        ("El Fasher", None, None, "SDN", None, None),
        ("Darfur", None, None, "SDN", None, None),
        ("Marib", None, None, "YEM", None, None),
        ("Hodeidah", None, None, "YEM", None, None),
        ("Gao", None, None, "MLI", None, None),
        ("Srinagar", None, None, "IND", None, None),
        ("Balochistan", None, None, "PAK", None, None),
        ("Rakhine", None, None, "MMR", None, None),
        ("Rafah", None, "Rafah", "PSE", None, None),
        ("Şanlıurfa", None, None, "TUR", None, None),
        ("Syria", None, "Syria", "SYR", 33.5, 36.3),
        ("Türkiye", None, "Turkey", "TUR", None, None),
        ("Georgia", None, "Georgia", "GEO", None, None),
        ("Georgia", "USA", "Georgia", "USA", None, None),
        ("Tripoli", None, "Tripoli", "LBY", None, None),
        ("Tripoli", "LBN", "Tripoli", "LBN", None, None),
        ("Texas", None, "Texas", "USA", 31.0, -97.5),
        # a national capital outranks a region or state of its name
        ("Washington", None, "Washington", "USA", 38.9, -77.0),
        ("Washington", "USA", "Washington", "USA", 38.9, -77.0),
        ("Kabul", None, "Kabul", "AFG", 34.5, 69.2),
        ("Mexico", None, "Mexico", "MEX", None, None),
    ],
)
def test_lookup_place(
    name: str,
    hint: str | None,
    canonical: str | None,
    country: str,
    lat: float | None,
    lon: float | None,
) -> None:
    loc = lookup_place(name, hint)
    assert loc is not None, name
    assert loc.country == country
    if canonical:
        assert loc.name == canonical
    if lat is not None:
        assert loc.lat == pytest.approx(lat, abs=0.3)
        assert loc.lon == pytest.approx(lon, abs=0.3)


@pytest.mark.parametrize(
    "name",
    [
        "Most",
        "Of",
        "Split",
        "Nice",
        "Mobile",
        "Reading",
        "Bath",
        "Deal",
        "March",
        "May",
        "Victoria",
        "idlib",
        "Syrian",
        "Russians",
        "",
        "Said",
    ],
)
def test_not_a_place(name: str) -> None:
    assert lookup_place(name) is None
    assert not is_place(name)


@pytest.mark.parametrize(
    ("name", "known", "country"),
    [
        # a town is taken only in a country the text names, unless it is a world city
        ("Kani", {"MMR", "USA"}, None),
        ("Kani", {"JPN"}, "JPN"),
        ("Jermuk", {"ARM", "AZE"}, None),
        ("Geneva", {"USA", "RUS"}, "CHE"),
        ("Doha", {"ISR", "PSE"}, "QAT"),
        ("Idlib", {"SYR"}, "SYR"),
        ("Tripoli", {"LBN"}, "LBN"),
        ("Tripoli", {"LBY"}, "LBY"),
        # countries and regions need no prior mention
        ("Syria", set(), "SYR"),
        ("Darfur", set(), "SDN"),
    ],
)
def test_lookup_place_known_countries(name: str, known: set[str], country: str | None) -> None:
    loc = lookup_place(name, known_countries=known)
    assert (loc.country if loc else None) == country
    if country is None:
        assert lookup_place(name) is not None  # the town exists elsewhere, and is refused
