"""Table-driven tests for newsevents.lexicon.countries."""

from __future__ import annotations

import pytest

from newsevents.lexicon import read_tsv
from newsevents.lexicon.countries import (
    IGO_CODES,
    capital_metonym,
    countries_named,
    country_code,
    country_name,
    igo_code,
)

# The 193 UN member states; the table must cover every one (plus XKX, TWN, PSE, ESH).
UN_MEMBERS = (
    "AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH "
    "BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB "
    "CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA "
    "GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN "
    "KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT "
    "MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK "
    "PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC "
    "SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO "
    "TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE"
).split()


def test_un_members_all_covered() -> None:
    assert len(UN_MEMBERS) == 193
    listed = {row[0] for row in read_tsv("countries.tsv")}
    assert set(UN_MEMBERS) | {"XKX", "TWN", "PSE", "ESH"} == listed
    assert all(country_name(iso) for iso in UN_MEMBERS)


@pytest.mark.parametrize(
    ("word", "iso3"),
    [
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("the United States", "USA"),
        ("US", "USA"),
        ("U.S.", "USA"),
        ("America", "USA"),
        ("Britain", "GBR"),
        ("UK", "GBR"),
        ("Syria", "SYR"),
        ("Syrian Arab Republic", "SYR"),
        ("Iran", "IRN"),
        ("Russian Federation", "RUS"),
        ("Turkish", "TUR"),
        ("Russian", "RUS"),
        ("American", "USA"),
        ("British", "GBR"),
        ("French", "FRA"),
        ("German", "DEU"),
        ("Israeli", "ISR"),
        ("Palestinian", "PSE"),
        ("Ukrainian", "UKR"),
        ("Iraqi", "IRQ"),
        ("Saudi", "SAU"),
        ("Emirati", "ARE"),
        ("Yemeni", "YEM"),
        ("Sudanese", "SDN"),
        ("Malian", "MLI"),
        ("Congolese", "COD"),
        ("Turks", "TUR"),
        ("Russians", "RUS"),
        ("Israelis", "ISR"),
        ("Burkinabe", "BFA"),
        ("Nigerien", "NER"),
        ("Nigerian", "NGA"),
        ("Burmese", "MMR"),
        ("Myanmar", "MMR"),
        ("Kosovo", "XKX"),
        ("Taiwan", "TWN"),
        ("Western Sahara", "ESH"),
        ("Somali", "SOM"),
        ("Pakistani", "PAK"),
        ("Indian", "IND"),
        ("us", None),
        ("Narnia", None),
    ],
)
def test_country_code(word: str, iso3: str | None) -> None:
    assert country_code(word) == iso3


@pytest.mark.parametrize(
    ("phrase", "iso3"),
    [
        ("Ankara", "TUR"),
        ("the Kremlin", "RUS"),
        ("Kremlin", "RUS"),
        ("the White House", "USA"),
        ("the Pentagon", "USA"),
        ("Downing Street", "GBR"),
        ("Whitehall", "GBR"),
        ("the Elysee", "FRA"),
        ("Élysée", "FRA"),
        ("Foggy Bottom", "USA"),
        ("the State Department", "USA"),
        ("Zhongnanhai", "CHN"),
        ("Quai d'Orsay", "FRA"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Juba", "SSD"),
        ("Bamako", "MLI"),
        ("Naypyidaw", "MMR"),
        ("Aleppo", None),
    ],
)
def test_capital_metonym(phrase: str, iso3: str | None) -> None:
    assert capital_metonym(phrase) == iso3


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("UN", "UNO"),
        ("the United Nations", "UNO"),
        ("OCHA", "UNO"),
        ("UNHCR", "UNO"),
        ("Security Council", "UNO"),
        ("EU", "EUR"),
        ("European Commission", "EUR"),
        ("EU foreign policy chief", "EUR"),
        ("NATO", "NAT"),
        ("African Union", "AFR"),
        ("Arab League", "ARL"),
        ("OPEC", "OPC"),
        ("OSCE", "OSC"),
        ("ICRC", "IRC"),
        ("IAEA", "UNO"),
        ("WHO", "UNO"),
        ("who", None),
        ("Hamas", None),
    ],
)
def test_igo_code(name: str, code: str | None) -> None:
    assert igo_code(name) == code


def test_igo_codes_mapping() -> None:
    assert IGO_CODES["United Nations"] == "UNO"
    assert IGO_CODES["NATO"] == "NAT"
    assert IGO_CODES["European Union"] == "EUR"


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Resistance fighters ambushed a convoy in Myanmar 's Sagaing region", {"MMR"}),
        ("Israeli troops and Russians met in the United States", {"ISR", "RUS", "USA"}),
        ("the Kremlin said U.S. officials had called", {"RUS", "USA"}),
        ("troops from the Democratic Republic of Congo", {"COD", "COG"}),
        ("us and who said nothing about turkey", set()),
        ("", set()),
    ],
)
def test_countries_named(text: str, codes: set[str]) -> None:
    assert countries_named(text.split()) == codes
