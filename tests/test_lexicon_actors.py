"""Table-driven tests for the actor index."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest

from newsevents.lexicon import key_of, read_tsv
from newsevents.lexicon.actors import (
    ActorEntry,
    ActorIndex,
    code_country_sector,
    load_actor_index,
)
from newsevents.lexicon.countries import country_entries

D2020 = dt.date(2020, 2, 21)


def _find(text: str, on: dt.date | None = None) -> list[tuple[str, ActorEntry]]:
    return [(text[s:e], a) for s, e, a in load_actor_index().find(text, on)]


def test_load_is_fast_and_cached() -> None:
    load_actor_index.cache_clear()
    t = time.perf_counter()
    idx = load_actor_index()
    assert time.perf_counter() - t < 3.0  # measured ~0.3 s; generous for slow CI
    assert load_actor_index() == idx  # ActorIndex has identity equality: the cached one
    assert len(idx) > 20000


@pytest.mark.parametrize(
    ("text", "on", "surface", "name", "country", "sector", "kind"),
    [
        (
            "Russia's Sergei Lavrov said",
            D2020,
            "Sergei Lavrov",
            "Sergey Lavrov",
            "RUS",
            "GOV",
            "person",
        ),
        ("Vladimir Putin spoke", D2020, "Vladimir Putin", "Vladimir Putin", "RUS", "GOV", "person"),
        ("Putin's aide", None, "Putin", "Vladimir Putin", "RUS", "GOV", "person"),
        ("talks with Erdogan", D2020, "Erdogan", "Recep Tayyip Erdogan", "TUR", "GOV", "person"),
        (
            "Tayyip Erdogan said",
            D2020,
            "Tayyip Erdogan",
            "Recep Tayyip Erdogan",
            "TUR",
            "GOV",
            "person",
        ),
        (
            "Recep Tayyip Erdoğan said",
            D2020,
            "Recep Tayyip Erdoğan",
            "Recep Tayyip Erdogan",
            "TUR",
            "GOV",
            "person",
        ),
        ("Çavuşoğlu said", D2020, "Çavuşoğlu", "Mevlut Cavusoglu", "TUR", "GOV", "person"),
        ("Cavusoglu said", D2020, "Cavusoglu", "Mevlut Cavusoglu", "TUR", "GOV", "person"),
        ("Macron called", D2020, "Macron", "Emmanuel Macron", "FRA", "GOV", "person"),
        ("Lavrov met", D2020, "Lavrov", "Sergey Lavrov", "RUS", "GOV", "person"),
        ("Merkel said", dt.date(2015, 1, 1), "Merkel", "Angela Merkel", "DEU", "GOV", "person"),
        (
            "Donald Trump said",
            dt.date(2020, 2, 15),
            "Donald Trump",
            "Donald Trump",
            "USA",
            "GOV",
            "person",
        ),
        (
            "Donald Trump said",
            dt.date(2010, 1, 1),
            "Donald Trump",
            "Donald Trump",
            "USA",
            "CVL",
            "person",
        ),
        (
            "Zelenskyy said",
            dt.date(2023, 5, 1),
            "Zelenskyy",
            "Volodymyr Zelensky",
            "UKR",
            "GOV",
            "person",
        ),
        (
            "Hemedti's RSF",
            dt.date(2024, 1, 1),
            "Hemedti",
            "Mohamed Hamdan Dagalo",
            "SDN",
            "REB",
            "person",
        ),
        ("the Kremlin said", None, "the Kremlin", "Kremlin", "RUS", None, "capital"),
        ("Ankara said", None, "Ankara", "Ankara", "TUR", None, "capital"),
        ("the Pentagon said", None, "the Pentagon", "Pentagon", "USA", None, "capital"),
        ("Kyiv said", None, "Kyiv", "Kyiv", "UKR", None, "capital"),
        ("the Gaza ministry", None, None, None, None, None, None),
        ("shelled Kharkiv", None, None, None, None, None, None),
        ("Turkish troops", None, "Turkish", "Turkey", "TUR", None, "country"),
        (
            "the United Nations said",
            None,
            "the United Nations",
            "United Nations",
            "UNO",
            "IGO",
            "igo",
        ),
        ("OCHA said", None, "OCHA", "United Nations", "UNO", "IGO", "igo"),
        ("NATO allies", None, "NATO", "NATO", "NAT", "IGO", "igo"),
        (
            "Hayat Tahrir al-Sham fighters",
            D2020,
            "Hayat Tahrir al-Sham",
            "Hayat Tahrir al-Sham",
            "SYR",
            "REB",
            "group",
        ),
        ("HTS fighters", D2020, "HTS", "Hayat Tahrir al-Sham", "SYR", "REB", "group"),
        ("Houthi rebels", None, "Houthi rebels", "Houthis", "YEM", "REB", "group"),
        ("al-Shabaab militants", None, "al-Shabaab", "al-Shabaab", "SOM", "REB", "group"),
        ("JNIM claimed", None, "JNIM", "Jama'at Nasr al-Islam wal Muslimin", "MLI", "REB", "group"),
        ("the Arakan Army said", None, "Arakan Army", "Arakan Army", "MMR", "REB", "group"),
        ("Lashkar-e-Taiba", None, "Lashkar-e-Taiba", "Lashkar-e-Taiba", "PAK", "REB", "group"),
        (
            "the People's Defence Force said",
            None,
            "People's Defence Force",
            "People's Defence Force",
            "MMR",
            "REB",
            "group",
        ),
        ("Recep Tayip Erdogan", D2020, "Erdogan", "Recep Tayyip Erdogan", "TUR", "GOV", "person"),
        ("Boko Haram", None, "Boko Haram", "Boko Haram", "NGA", "REB", "group"),
        (
            "the Syrian Observatory for Human Rights said",
            None,
            "Syrian Observatory for Human Rights",
            "Syrian Observatory for Human Rights",
            "SYR",
            "MED",
            "body",
        ),
    ],
)
def test_find_single(
    text: str,
    on: dt.date | None,
    surface: str | None,
    name: str | None,
    country: str | None,
    sector: str | None,
    kind: str | None,
) -> None:
    hits = dict(_find(text, on))
    if surface is None:  # places are locations, not actors (Phoenix lists them as synonyms)
        assert hits == {}
        return
    assert surface in hits, (text, hits)
    assert hits[surface] == ActorEntry(name, country, sector, kind)


@pytest.mark.parametrize(
    "text",
    [
        "let us talk about it",  # pronoun "us", not the country
        "Most people said the march was long.",
        "who said that",
        "the white house on the hill",  # lowercase: not the seat of power
        "On Tuesday, Security officials said Friday.",  # weekday/common-word noise
        "the Vice President and the Prime Minister",  # bare titles are not actors
    ],
)
def test_no_false_positives(text: str) -> None:
    assert _find(text) == []


def test_offsets_longest_first_and_possessive() -> None:
    text = "Turkish President Recep Tayyip Erdogan's talks with the US and the UN."
    hits = load_actor_index().find(text, D2020)
    spans = [text[s:e] for s, e, _ in hits]
    assert spans == ["Turkish", "Recep Tayyip Erdogan", "US", "the UN"]
    # possessive excluded; spans do not overlap
    assert all(hits[i][1] <= hits[i + 1][0] for i in range(len(hits) - 1))


def test_dated_roles_pick_role_in_force() -> None:
    idx = load_actor_index()
    ((_, _, before),) = idx.find("Hulusi Akar", dt.date(2017, 1, 1))
    ((_, _, after),) = idx.find("Hulusi Akar", dt.date(2020, 1, 1))
    assert (before.sector, after.sector) == ("MIL", "GOV")
    ((_, _, taliban_2020),) = idx.find("the Taliban", dt.date(2020, 1, 1))
    ((_, _, taliban_2022),) = idx.find("the Taliban", dt.date(2022, 1, 1))
    assert (taliban_2020.sector, taliban_2022.sector) == ("REB", "GOV")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("TURGOV", ("TUR", "GOV")),
        ("USALEG", ("USA", "GOV")),
        ("SYRMIL", ("SYR", "MIL")),
        ("RUSSPY", ("RUS", "MIL")),
        ("EGYCOP", ("EGY", "MIL")),
        ("PSEREBHMS", ("PSE", "REB")),
        ("SYROPPREB", ("SYR", "REB")),
        ("SYROPP", ("SYR", "CVL")),
        ("RUSELI", ("RUS", "CVL")),
        ("IRNMED", ("IRN", "MED")),
        ("IGOUNOREFHCR", ("UNO", "IGO")),
        ("IGOEUREEC", ("EUR", "IGO")),
        ("IGOWSTNAT", ("NAT", "IGO")),
        ("IMGMUSALQ", (None, "REB")),
        ("NGOHLHIRC", (None, "CVL")),
        ("AFG", ("AFG", None)),
        # CAMEO's own codes: Angola, a region, a sector without a country
        ("ANGREB", ("AGO", "REB")),
        ("MEAREB", (None, "REB")),
        ("ELI", (None, "CVL")),
    ],
)
def test_code_mapping(code: str, expected: tuple[str | None, str | None]) -> None:
    assert code_country_sector(code) == expected


# --- integrity of the hand-written actors_extra.tsv -------------------------------------------

_EXTRA = list(read_tsv("actors_extra.tsv"))
_ROLE_RE = re.compile(r"(?P<code>[A-Z]{3,12})(?:@(?P<start>[0-9-]*)\.\.(?P<end>[0-9-]*))?")
# Sector chunks the file may use; each maps to a sector in code_country_sector.
_SECTOR_CHUNKS = {"GOV", "LEG", "JUD", "MIL", "SPY", "COP", "REB", "ELI", "OPP", "BUS", "MED"}
_SECTOR_CHUNKS |= {"PTY", "CVL", "REF", "HCR"}
# IGO bodies: the prefix names the body, any remaining chunks are sector chunks.
_IGO_PREFIXES = ("IGOWSTNAT", "IGOMEAARL", "IGOUNO", "IGOEUR", "IGOAFR")
_ISO3 = {iso for _, iso, _, _ in country_entries()}


def _roles(row: list[str]) -> list[tuple[str, dt.date | None, dt.date | None, bool]]:
    out = []
    for part in row[2].split(";"):
        m = _ROLE_RE.fullmatch(part)
        assert m, (row[0], part)
        start, end = m["start"], m["end"]
        out.append(
            (
                m["code"],
                dt.date.fromisoformat(start) if start else None,
                dt.date.fromisoformat(end) if end else None,
                "@" in part,
            )
        )
    return out


def _chunks_ok(code: str) -> bool:
    if code.startswith("IGO"):
        prefix = next((p for p in _IGO_PREFIXES if code.startswith(p)), None)
        rest = code[len(prefix) :] if prefix else "?"
    elif code.startswith("IMG"):
        rest = code[3:]
    else:
        if code[:3] not in _ISO3:
            return False
        rest = code[3:]
        if not rest:  # a bare country code gives no sector
            return False
    parts = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    return all(p in _SECTOR_CHUNKS for p in parts)


@pytest.mark.parametrize("row", _EXTRA, ids=[r[0] for r in _EXTRA])
def test_extra_row_is_well_formed(row: list[str]) -> None:
    assert len(row) == 4, row
    assert all(f == f.strip() for f in row), row
    assert row[1] in {"person", "group", "body"}, row
    roles = _roles(row)
    assert sum(not dated for *_, dated in roles) <= 1, "only the first undated role is ever used"
    for code, start, end, _ in roles:
        assert _chunks_ok(code), (row[0], code)
        assert code_country_sector(code)[1] is not None, (row[0], code)
        if start and end:
            assert start < end, (row[0], code, start, end)
        assert not (start and start > dt.date.today()), (row[0], code, start)
    syns = [s for s in row[3].split("|") if s]
    assert all(s == s.strip() and s != row[0] for s in syns), row
    assert len(set(syns)) == len(syns), row


def test_extra_names_and_surfaces_are_unique() -> None:
    names = [r[0] for r in _EXTRA]
    assert len(names) == len(set(names))
    owner: dict[tuple[str, ...], str] = {}
    clashes = []
    for row in _EXTRA:
        for surface in [row[0], *filter(None, row[3].split("|"))]:
            key = key_of(surface)
            if owner.setdefault(key, row[0]) != row[0]:
                # The first row would silently take every mention of the second.
                clashes.append((surface, owner[key], row[0]))
    assert clashes == []


# The same person or group on both sides of a well-known date: each pair fails if the
# boundary in actors_extra.tsv is wrong by more than the gap between the two dates.
@pytest.mark.parametrize(
    ("text", "on", "name", "country", "sector"),
    [
        ("Trump", dt.date(2023, 6, 1), "Donald Trump", "USA", "CVL"),
        ("Trump", dt.date(2025, 1, 21), "Donald Trump", "USA", "GOV"),
        ("Pompeo", dt.date(2017, 6, 1), "Mike Pompeo", "USA", "MIL"),  # CIA director
        ("Pompeo", dt.date(2019, 6, 1), "Mike Pompeo", "USA", "GOV"),
        ("Kuleba", dt.date(2023, 5, 16), "Dmytro Kuleba", "UKR", "GOV"),
        ("Kuleba", dt.date(2024, 10, 1), "Dmytro Kuleba", "UKR", "CVL"),
        ("Zaluzhnyi", dt.date(2023, 5, 16), "Valerii Zaluzhnyi", "UKR", "MIL"),
        ("Zaluzhnyi", dt.date(2024, 7, 1), "Valerii Zaluzhnyi", "UKR", "GOV"),
        ("Merkel", dt.date(2020, 3, 1), "Angela Merkel", "DEU", "GOV"),
        ("Merkel", dt.date(2022, 3, 1), "Angela Merkel", "DEU", "CVL"),
        ("Baerbock", dt.date(2023, 5, 16), "Annalena Baerbock", "DEU", "GOV"),
        ("Baerbock", dt.date(2025, 10, 1), "Annalena Baerbock", "UNO", "IGO"),
        ("Stoltenberg", dt.date(2020, 1, 1), "Jens Stoltenberg", "NAT", "IGO"),
        ("Stoltenberg", dt.date(2025, 3, 1), "Jens Stoltenberg", "NOR", "GOV"),
        ("Rutte", dt.date(2023, 1, 1), "Mark Rutte", "NLD", "GOV"),
        ("Rutte", dt.date(2025, 1, 1), "Mark Rutte", "NAT", "IGO"),
        ("Herzi Halevi", dt.date(2024, 6, 1), "Herzi Halevi", "ISR", "MIL"),
        ("Herzi Halevi", dt.date(2025, 6, 1), "Herzi Halevi", "ISR", "CVL"),
        ("Naftali Bennett", dt.date(2021, 7, 1), "Naftali Bennett", "ISR", "GOV"),
        ("Naftali Bennett", dt.date(2024, 7, 1), "Naftali Bennett", "ISR", "CVL"),
        ("Ismail Haniyeh", dt.date(2006, 6, 1), "Ismail Haniyeh", "PSE", "GOV"),
        ("Ismail Haniyeh", dt.date(2020, 6, 1), "Ismail Haniyeh", "PSE", "REB"),
        ("Joseph Aoun", dt.date(2020, 6, 1), "Joseph Aoun", "LBN", "MIL"),
        ("Joseph Aoun", dt.date(2025, 3, 1), "Joseph Aoun", "LBN", "GOV"),
        ("Jolani", dt.date(2020, 6, 1), "Ahmed al-Sharaa", "SYR", "REB"),
        ("al-Sharaa", dt.date(2025, 3, 1), "Ahmed al-Sharaa", "SYR", "GOV"),
        ("HTS", dt.date(2024, 11, 1), "Hayat Tahrir al-Sham", "SYR", "REB"),
        ("HTS", dt.date(2025, 1, 15), "Hayat Tahrir al-Sham", "SYR", "GOV"),
        ("the Taliban", dt.date(1998, 1, 1), "Taliban", "AFG", "GOV"),
        ("the Taliban", dt.date(2010, 1, 1), "Taliban", "AFG", "REB"),
        ("Hemedti", dt.date(2022, 6, 1), "Mohamed Hamdan Dagalo", "SDN", "MIL"),
        ("Abdalla Hamdok", dt.date(2021, 11, 1), "Abdalla Hamdok", "SDN", "CVL"),
        ("Abdalla Hamdok", dt.date(2021, 12, 1), "Abdalla Hamdok", "SDN", "GOV"),
        ("Ashraf Ghani", dt.date(2020, 6, 1), "Ashraf Ghani", "AFG", "GOV"),
        ("Ashraf Ghani", dt.date(2022, 6, 1), "Ashraf Ghani", "AFG", "CVL"),
        ("Mansour Hadi", dt.date(2020, 6, 1), "Abdrabbuh Mansur Hadi", "YEM", "GOV"),
        ("Mansour Hadi", dt.date(2023, 6, 1), "Abdrabbuh Mansur Hadi", "YEM", "CVL"),
        ("Yoon Suk Yeol", dt.date(2024, 6, 1), "Yoon Suk Yeol", "KOR", "GOV"),
        ("Yoon Suk Yeol", dt.date(2025, 6, 1), "Yoon Suk Yeol", "KOR", "CVL"),
        ("Larijani", dt.date(2015, 6, 1), "Ali Larijani", "IRN", "GOV"),  # speaker
        ("Larijani", dt.date(2022, 6, 1), "Ali Larijani", "IRN", "CVL"),
        ("Sunak", dt.date(2022, 10, 25), "Rishi Sunak", "GBR", "GOV"),  # first day inclusive
    ],
)
def test_extra_dated_lookup(text: str, on: dt.date, name: str, country: str, sector: str) -> None:
    hits = dict(_find(text, on))
    assert text in hits, hits
    got = hits[text]
    assert (got.name, got.country, got.sector) == (name, country, sector)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a syllable after a hyphen is written lowercase, whatever the dictionary has
        ("Kim Jong-un inspected the launch.", "Kim Jong Un", "PRK"),
        ("Kim Jong Un inspected the launch.", "Kim Jong Un", "PRK"),
        ("Tsai Ing-wen spoke in Taipei.", "Tsai Ing-wen", "TWN"),
        ("Lee Jae-myung said so.", "Lee Jae-myung", "KOR"),
        ("The Ta'ang National Liberation Army said so.", "Ta'ang National Liberation Army", "MMR"),
    ],
)
def test_find_names_with_lowercase_syllables(text: str, name: str, country: str) -> None:
    hits = load_actor_index().find(text, dt.date(2024, 1, 1))
    assert [(h[2].name, h[2].country) for h in hits][:1] == [(name, country)]


def test_lowercase_syllable_needs_the_hyphen() -> None:
    # "kim jong un" as three lowercase words is not the name
    assert load_actor_index().find("kim jong un", dt.date(2024, 1, 1)) == []


def test_former_official_keeps_the_country_of_the_last_office() -> None:
    idx = ActorIndex()
    aid = idx.new_actor("Jan Example", "person", "IGOUNO@1997-01-01..2006-12-31;ELI")
    assert idx.entry(aid, dt.date(2016, 6, 1)).country == "UNO"
