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
from collections import defaultdict
from pathlib import Path

from bilateral.records import Actor, ActorKind

SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "de", "la", "du", "del", "da", "to", "at"}
_CODE = re.compile(r"\[([A-Z]{3,})")
_BAD_ALIAS = re.compile(r"[0-9()/:&]")


def default_world_path() -> Path:
    """data/lexicon/world_actors.jsonl beside the package."""
    return Path(__file__).resolve().parents[2] / "data" / "lexicon" / "world_actors.jsonl"


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


def parse_countries(lines: list[str]) -> dict[str, dict]:
    """Country code -> {"name", "aliases", "people"} from Phoenix.Countries.actors.txt lines."""
    countries: dict[str, dict] = {}
    current_country, entry_is_country = None, False
    pending: str | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("+") and current_country and entry_is_country:
            _add(countries[current_country]["aliases"], title_case(line[1:]))
            continue
        if line.startswith("+"):
            continue
        code = _CODE.search(line)
        if line[0].isalpha():
            pending = line.split("[", 1)[0].strip()
            if not code:
                continue
        elif not code or pending is None:
            continue
        name, tag = pending, code.group(1)
        pending = None if line[0].isalpha() and code else pending
        if len(tag) == 3:
            current_country, entry_is_country = tag, True
            countries.setdefault(tag, {"name": title_case(name), "aliases": [], "people": []})
            _add(countries[tag]["aliases"], title_case(name))
        elif tag[:3] in countries or tag[:3] == current_country:
            entry_is_country = False
            person = title_case(name)
            if len(person.split()) >= 2:
                _add(
                    countries.setdefault(tag[:3], {"name": tag[:3], "aliases": [], "people": []})["people"],
                    person,
                )
        pending = None
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
    """Gazetteer actors by code, and people's names by state code (names stand for their state)."""
    path = Path(path) if path else default_world_path()
    actors, people = {}, defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        actors[raw["code"]] = Actor(
            code=raw["code"], name=raw["name"], kind=ActorKind(raw["kind"]), aliases=tuple(raw["aliases"])
        )
        people[raw["code"]].extend(raw.get("people", ()))
    return actors, dict(people)


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
