"""World gazetteer: states, their people and international organisations beyond the curated registry.

The registry (data/actors.jsonl) holds the actors analysts filter on; the extractor also needs to
recognise every other state and the big IGOs so that it does not misread them. This module builds
data/lexicon/world_actors.jsonl once from the PETRARCH dictionaries (MIT, see data/lexicon/README.md)
and loads it; the registry always wins where both name the same alias.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from bilateral.model import Actor, ActorKind
from bilateral.paths import DATA_DIR

SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "de", "la", "du", "del", "da", "to", "at"}
_CODE = re.compile(r"\[([A-Z]{3,})")
_BAD_ALIAS = re.compile(r"[0-9()/:&]")


def default_world_path() -> Path:
    """data/lexicon/world_actors.jsonl beside the package."""
    return DATA_DIR / "lexicon" / "world_actors.jsonl"


def title_case(raw: str, acronyms: bool = False) -> str:
    """PETRARCH's UPPER_CASE_NAME_ as a name written in text ("People's Republic of China").

    With acronyms (organisation names), one short word or a dotted word stays upper case ("IAEA", "U.N.").
    """
    words = [w for w in raw.strip().strip("_").split("_") if w]
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if acronyms and (
            "." in word or (len(words) == 1 and len(word) <= 6) or (len(word) <= 3 and low not in SMALL_WORDS)
        ):
            out.append(word.upper())
        elif i and low in SMALL_WORDS:
            out.append(low)
        else:
            out.append("-".join(part[:1].upper() + part[1:].lower() for part in low.split("-")))
    return " ".join(out)


def _usable(alias: str, max_tokens: int = 6) -> bool:
    return (
        bool(alias) and len(alias) > 2 and not _BAD_ALIAS.search(alias) and len(alias.split()) <= max_tokens
    )


def _blocks(lines: list[str]) -> list[dict]:
    """Entries of a TABARI file: a name line, its '+' synonyms and its [CODE date] lines."""
    blocks: list[dict] = []
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0].isalpha():
            blocks.append(
                {"name": line.split("[", 1)[0].strip(), "synonyms": [], "codes": _CODE.findall(line)}
            )
        elif blocks and line.startswith("+"):
            blocks[-1]["synonyms"].append(line[1:].strip())
        elif blocks:
            blocks[-1]["codes"].extend(_CODE.findall(line))
    return blocks


def parse_countries(lines: list[str]) -> dict[str, dict]:
    """Country code -> {"name", "aliases", "people"} from Phoenix.Countries.actors.txt lines.

    A block whose codes include a bare three-letter code is a country (its latest code wins, so
    Armenia is ARM, not the Soviet USRARM); any other block names a person or body of a country.
    """
    countries: dict[str, dict] = {}
    blocks = _blocks(lines)
    for block in blocks:
        states = [c for c in block["codes"] if len(c) == 3]
        if states:
            entry = countries.setdefault(
                states[-1], {"name": title_case(block["name"]), "aliases": [], "people": []}
            )
            for alias in [block["name"], *block["synonyms"]]:
                _add(entry["aliases"], title_case(alias))
    for block in blocks:
        if block["codes"] and not any(len(c) == 3 for c in block["codes"]):
            country = countries.get(block["codes"][-1][:3])
            person = title_case(block["name"])
            if country is not None and len(person.split()) >= 2:
                _add(country["people"], person)
    return countries


def parse_international(lines: list[str]) -> dict[str, dict]:
    """Organisation code -> {"name", "aliases", "kind"}: the IGOs, and NGOs with their own code."""
    orgs: dict[str, dict] = {}
    last = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if line.startswith("+") and last:
            _add(orgs[last]["aliases"], title_case(line[1:], acronyms=True))
            continue
        code = _CODE.search(line)
        if not line[:1].isalpha() or not code:
            last = None
            continue
        tag, name = code.group(1), title_case(line.split("[", 1)[0], acronyms=True)
        if " " in line.split("[", 1)[1].split("]")[0]:  # dated membership: a person, not an organisation
            last = None
            continue
        if not (tag.startswith("IGO") or (tag.startswith("NGO") and len(tag) > 6)):
            last = None
            continue
        key = tag if len(tag) > 3 else f"{tag}_{''.join(w[0] for w in name.split() if w[0].isupper())}"
        org = orgs.setdefault(
            key, {"name": name, "aliases": [], "kind": "bloc" if tag.startswith("IGO") else "organisation"}
        )
        _add(org["aliases"], name)
        last = key
    return orgs


def _add(bucket: list[str], alias: str) -> None:
    if _usable(alias) and alias not in bucket:
        bucket.append(alias)


def world_rows(countries: dict[str, dict], orgs: dict[str, dict]) -> list[dict]:
    """JSONL rows in the registry's schema, plus "people" (names standing for the state)."""
    rows = []
    for code, info in sorted(countries.items()):
        rows.append(
            {
                "code": code,
                "name": info["name"],
                "kind": "state",
                "aliases": info["aliases"],
                "people": info["people"],
            }
        )
    for code, info in sorted(orgs.items()):
        rows.append({"code": code, "name": info["name"], "kind": info["kind"], "aliases": info["aliases"]})
    return rows


def load_world_actors(path: Path | str | None = None) -> tuple[dict[str, Actor], dict[str, list[str]]]:
    """Gazetteer actors by code, and people's names by state code (names stand for their state).

    world_extra.jsonl beside the file (curated by hand: territories, movements, IGOs and people PETRARCH
    lacks) adds aliases and people to a code, or new codes.
    """
    path = Path(path) if path else default_world_path()
    rows: dict[str, dict] = {}
    for file in (path, path.with_name("world_extra.jsonl")):
        if not file.exists():
            continue
        for line in file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                raw = json.loads(line)
                row = rows.setdefault(raw["code"], {**raw, "aliases": [], "people": []})
                row["aliases"] += [a for a in raw["aliases"] if a not in row["aliases"]]
                row["people"] += raw.get("people", [])
    actors = {
        c: Actor(code=c, name=r["name"], kind=ActorKind(r["kind"]), aliases=tuple(r["aliases"]))
        for c, r in rows.items()
    }
    return actors, {c: r["people"] for c, r in rows.items() if r["people"]}


def main(argv: list[str]) -> int:
    """python -m bilateral.extract.gazetteer COUNTRIES INTERNATIONAL OUT: rebuild the gazetteer file."""
    countries_path, international_path, out = argv
    countries = parse_countries(
        Path(countries_path).read_text(encoding="utf-8", errors="replace").splitlines()
    )
    orgs = parse_international(
        Path(international_path).read_text(encoding="utf-8", errors="replace").splitlines()
    )
    rows = world_rows(countries, orgs)
    Path(out).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"wrote {len(rows)} actors to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
