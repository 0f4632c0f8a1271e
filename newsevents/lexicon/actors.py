"""Named-actor index: people, bodies, armed groups, countries, capitals and IGOs in text.

Sources, in priority order when two share a surface form: ``actors_extra.tsv`` (hand-written,
newer office holders and armed groups), ``igos.tsv``, country names/demonyms/capitals/seats
(``countries``), then ``actors.tsv`` (converted Phoenix dictionaries).

Sector mapping from Phoenix/CAMEO role codes (first three letters are the country, then
sector chunks; the first chunk with a mapping decides, except that any armed-opposition chunk
wins):

* GOV: GOV, LEG (legislators), JUD (judiciary): state bodies that are not armed.
* MIL: MIL, SPY (intelligence services) and COP (police): armed state security forces.
* REB: REB, INS, UAF (unaligned armed forces), SEP (separatists), CRM (armed criminal
  groups); IMG... (international militarised groups) too. Plain OPP (political opposition)
  is CVL unless combined with one of these.
* IGO: any code starting with IGO; the country becomes the body code (IGOUNO... -> UNO,
  IGOEUR... -> EUR, IGOWSTNAT -> NAT, IGOMEAARL -> ARL).
* MED: MED; names containing "Observatory" or "Monitor" (conflict monitors) are MED too.
* CVL: everything else (CVL, ELI former officials/elites, OPP, PTY, BUS, EDU, REF, HLH, NGO,
  LAB, AGR, REL, HRI, ...).

Dated roles (``TURGOV@2003-03-14..``): with an article date, the role in force on that date;
without, the most recent. Undated roles are the fallback when no dated role applies.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
from dataclasses import dataclass

from newsevents.lexicon import _TOKEN_RE, fold, read_tsv, tokens
from newsevents.lexicon.countries import country_entries, igo_forms

_GOV = {"GOV", "LEG", "JUD"}
_MIL = {"MIL", "SPY", "COP"}
_REB = {"REB", "INS", "UAF", "SEP", "CRM"}
# Lowercase name particles and function words: any case allowed in text.
_CONNECTORS = frozenset(
    "al el bin ibn bint de del della der den van von da do dos das du la le of the and for in "
    "on y ul ud wal ad ar as ash at az an a e et des di".split()
)
# Single-token Phoenix synonyms that are ordinary capitalisable English words.
_COMMON = frozenset(
    "said will may march rice power strong young white black brown green king long hope love "
    "rose grant mark price cook hall hill wood stone bell gray grey hunt lord page rich west "
    "north south east chase miller baker bush little major justice rebels army police "
    "government president minister general israel jordan chad georgia peace victory unity "
    "freedom dawn reform future national islamic islam allah god amal fatah international "
    "united republic council front movement party".split()
)
_MONITOR_WORDS = ("observatory", "monitor")
# CAMEO country codes that differ from ISO-3.
_CAMEO_TO_ISO = {"ANG": "AGO", "TMP": "TLS", "KSV": "XKX", "ROM": "ROU", "ZAR": "COD"}
# CAMEO region and religion codes in the country slot: no one country.
_CAMEO_NO_COUNTRY = frozenset(
    "AFR ASA CAS CFR EAF EEU EUR LAM MEA NAF NMR SAF SAM SAS SEA WAF WEU INT "
    "BUD CHR MOS JEW HIN".split()
)
# Sector codes that may open a role with no country ("ELI": a former official).
_SECTOR_CODES = frozenset("ELI CVL OPP PTY BUS EDU REF HLH LAB AGR REL HRI".split())


@dataclass(frozen=True)
class ActorEntry:
    """A resolved actor: canonical name, ISO-3 (or IGO body code), sector and kind."""

    name: str
    country: str | None
    sector: str | None
    kind: str


@dataclass(frozen=True)
class _Role:
    code: str
    start: dt.date | None
    end: dt.date | None
    dated: bool


@dataclass
class _Actor:
    name: str
    kind: str
    raw_roles: str
    parsed: tuple[_Role, ...] | None = None

    @property
    def roles(self) -> tuple[_Role, ...]:
        # Parsed on first use: most of the 24k entries are never matched.
        if self.parsed is None:
            self.parsed = _parse_roles(self.raw_roles)
        return self.parsed


def code_country_sector(code: str) -> tuple[str | None, str | None]:
    """Map a Phoenix code ("TURGOV", "IGOWSTNAT", "SYROPPHRI") to (country, sector).

    CAMEO's own country codes become ISO-3 ("ANGREB" is Angola's), and a code with no
    country ("ELI", a region such as "MEAREB" or a religion) has country None.
    """
    if code[:3] in _SECTOR_CODES:
        code = "XXX" + code  # "ELI": a sector without a country
        country, sector = code_country_sector(code)
        return None, sector
    if code.startswith("IGO"):
        fam = code[3:6]
        if fam in ("UNO", "EUR") or len(code) < 9:
            return (fam or None), "IGO"
        return code[6:9], "IGO"
    if code.startswith("IMG"):
        return None, "REB"
    if code.startswith(("NGO", "MNC")):
        return None, "MED" if "MED" in code else "CVL"
    country = _CAMEO_TO_ISO.get(code[:3], code[:3])
    if country in _CAMEO_NO_COUNTRY:
        country = None
    chunks = [code[i : i + 3] for i in range(3, len(code), 3)]
    if any(c in _REB for c in chunks):
        return country, "REB"
    for c in chunks:
        if c in _GOV:
            return country, "GOV"
        if c in _MIL:
            return country, "MIL"
        if c == "MED":
            return country, "MED"
        if c == "IGO":
            return country, "IGO"
    return country, "CVL" if chunks else None


def _parse_roles(field: str) -> tuple[_Role, ...]:
    out = []
    for part in filter(None, field.split(";")):
        if "@" not in part:
            out.append(_Role(part, None, None, False))
            continue
        code, span = part.split("@", 1)
        a, b = span.split("..", 1)
        out.append(
            _Role(
                code,
                dt.date.fromisoformat(a) if a else None,
                dt.date.fromisoformat(b) if b else None,
                True,
            )
        )
    return tuple(out)


def _pick_role(roles: tuple[_Role, ...], on: dt.date | None) -> _Role | None:
    dated = [r for r in roles if r.dated]
    undated = [r for r in roles if not r.dated]
    if on is not None:
        live = [
            r
            for r in dated
            if (r.start is None or r.start <= on) and (r.end is None or on <= r.end)
        ]
        if live:
            return max(live, key=lambda r: r.start or dt.date.min)
        return undated[0] if undated else None
    if dated:
        return max(dated, key=lambda r: (r.end or dt.date.max, r.start or dt.date.min))
    return undated[0] if undated else None


def _case_pattern(surface: str, force_upper_short: bool) -> tuple[str, ...]:
    """Per-token case constraint: A any, C capitalised, U all caps (short acronyms)."""
    spans = list(tokens(surface))
    toks = [t for _, _, t in spans]
    named = any(t[0].isupper() for t in toks)
    pat = []
    for start, _, t in spans:
        low = fold(t)
        # a lowercase word the dictionary writes so is matched as written: the syllable after
        # a hyphen ("Kim Jong-un", "Tsai Ing-wen") or a common noun ("Houthi rebels")
        written_lower = named and t.islower() and start > 0
        if (
            not t[0].isalpha()
            or low in _CONNECTORS
            or (len(t) == 1 and t.islower())
            or written_lower
        ):
            pat.append("A")
        elif t.isupper() and len(t) <= 3 and (len(t) > 1 or len(toks) > 1):
            pat.append("U")
        else:
            pat.append("C")
    if force_upper_short and len(toks) == 1 and len(toks[0]) <= 3:
        pat = ["U"]
    return tuple(pat)


# Marks inside a name after which the next syllable may be lowercase ("Jong-un", "Ta'ang").
_IN_WORD = frozenset("-'’")


def _case_ok(surface: str, flag: str) -> bool:
    if flag == "A":
        return True
    if flag == "U":
        return surface.isupper()
    return surface[0].isupper() or surface[0].isdigit()


class ActorIndex:
    """Dictionary matcher keyed by first folded token; longest match wins at each position."""

    def __init__(self) -> None:
        self._actors: list[_Actor] = []
        self._by_first: dict[str, list[tuple[tuple[str, ...], int, str, bool]]] = {}
        self._keys: set[tuple[str, ...]] = set()
        self._patterns: dict[tuple[str, bool], tuple[str, ...]] = {}
        self._cache: dict[tuple[int, dt.date | None], ActorEntry] = {}

    def add(self, surface: str, actor_id: int, force_upper_short: bool = False) -> None:
        """Register a surface form for an actor; earlier registrations win on conflicts."""
        key = tuple(_TOKEN_RE.findall(fold(surface)))
        if not key or key in self._keys:
            return
        self._keys.add(key)
        # The case pattern is computed lazily at match time: most keys never match.
        self._by_first.setdefault(key[0], []).append((key, actor_id, surface, force_upper_short))

    def new_actor(self, name: str, kind: str, roles: str) -> int:
        """Register an actor with roles in ``CODE@start..end;CODE`` form; returns its id."""
        self._actors.append(_Actor(name, kind, roles))
        return len(self._actors) - 1

    def freeze(self) -> None:
        """Sort candidate keys longest first."""
        for bucket in self._by_first.values():
            bucket.sort(key=lambda item: -len(item[0]))

    def entry(self, actor_id: int, on: dt.date | None = None) -> ActorEntry:
        """Resolve an actor to an :class:`ActorEntry` as of date ``on``."""
        ck = (actor_id, on)
        hit = self._cache.get(ck)
        if hit is not None:
            return hit
        a = self._actors[actor_id]
        role = _pick_role(a.roles, on)
        country, sector = code_country_sector(role.code) if role else (None, None)
        if role is None and a.roles:
            country = code_country_sector(a.roles[-1].code)[0]
        if country is None and role is not None and not role.dated:
            # "ELI" after dated offices: a former official keeps the country of the last one
            dated = [r for r in a.roles if r.dated]
            if dated:
                last = max(dated, key=lambda r: (r.end or dt.date.max, r.start or dt.date.min))
                country = code_country_sector(last.code)[0]
        if any(w in a.name.lower() for w in _MONITOR_WORDS):
            sector = "MED"
        kind = a.kind
        if kind == "body" and sector == "IGO":
            kind = "igo"
        out = ActorEntry(a.name, country, sector, kind)
        self._cache[ck] = out
        return out

    def find(self, text: str, on: dt.date | None = None) -> list[tuple[int, int, ActorEntry]]:
        """All non-overlapping actor mentions in ``text``, left to right.

        Args:
            text: raw text; offsets returned index into it.
            on: article date used to choose dated roles; None means most recent.

        Returns:
            ``(start, end, ActorEntry)`` triples; a possessive "'s" is not in the span.
        """
        toks = list(tokens(text))
        folded = [fold(t) for _, _, t in toks]
        out: list[tuple[int, int, ActorEntry]] = []
        i, n = 0, len(toks)
        while i < n:
            bucket = self._by_first.get(folded[i])
            matched = 0
            if bucket and toks[i][2][0].isalnum():
                for key, actor_id, surface, force in bucket:
                    k = len(key)
                    if i + k > n or tuple(folded[i : i + k]) != key:
                        continue
                    pat = self._patterns.get((surface, force))
                    if pat is None:
                        pat = _case_pattern(surface, force)
                        self._patterns[(surface, force)] = pat
                    if not all(
                        _case_ok(toks[i + j][2], pat[j])
                        or (j and pat[j] == "C" and text[toks[i + j][0] - 1] in _IN_WORD)
                        for j in range(k)
                    ):
                        continue  # "Kim Jong-un" is "Kim Jong Un": a syllable after a hyphen
                    # A key ending in a word must not be glued to a following letter/digit
                    # (tokens already split on word boundaries), so the match is accepted.
                    out.append((toks[i][0], toks[i + k - 1][1], self.entry(actor_id, on)))
                    matched = k
                    break
            i += matched or 1
        return out

    def __len__(self) -> int:
        return len(self._actors)


@functools.lru_cache(maxsize=1)
def load_actor_index() -> ActorIndex:
    """Build (once) the actor index from the committed data files (~0.3 s)."""
    # The cyclic GC would rescan the ~100k containers created here several times.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_actor_index()
    finally:
        if was_enabled:
            gc.enable()


def _build_actor_index() -> ActorIndex:
    idx = ActorIndex()
    for row in read_tsv("actors_extra.tsv"):
        aid = idx.new_actor(row[0], row[1], row[2])
        for s in [row[0], *filter(None, (row[3] if len(row) > 3 else "").split("|"))]:
            idx.add(s, aid)
    igo_ids: dict[str, int] = {}
    for form, code, name in igo_forms():
        if code not in igo_ids:
            igo_ids[code] = idx.new_actor(name, "igo", f"IGO{code}")
        idx.add(form, igo_ids[code])
        if not form.lower().startswith("the "):
            idx.add(f"the {form}", igo_ids[code])
    place_ids: dict[tuple[str, str, str], int] = {}
    for form, iso3, kind, name in country_entries():
        ck = (iso3, kind, name)
        if ck not in place_ids:
            place_ids[ck] = idx.new_actor(name, kind, iso3)
        idx.add(form, place_ids[ck])
        if not form.lower().startswith("the ") and kind == "capital" and " " in form:
            idx.add(f"the {form}", place_ids[ck])
    for row in read_tsv("actors.tsv"):
        name, kind, roles = row[0], row[1], row[2]
        aid = idx.new_actor(name, kind, roles)
        syns = [s for s in (row[3] if len(row) > 3 else "").split("|") if s]
        for s in [name, *syns]:
            if " " not in s and fold(s) in _COMMON:
                continue
            idx.add(s, aid, force_upper_short=True)
    idx.freeze()
    return idx
