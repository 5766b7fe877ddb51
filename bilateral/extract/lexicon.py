"""The extractor's lexicons (data/lexicon/*.json) loaded and compiled once.

Cues, theme keywords and markers are data, versioned with the repository, so that an analyst can
change what the extractor recognises without touching code; this module only compiles them.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from bilateral.errors import ExtractError
from bilateral.model import EventType, Theme
from bilateral.paths import DATA_DIR


@dataclass(frozen=True)
class Cue:
    """One event cue pattern: which PLOVER type it signals and how its roles are read."""

    event_type: EventType
    pattern: str
    symmetric: bool
    subject_is_target: bool = False
    # what follows "X to" is asked for, not done ("urged ... to stop", "invited ... to visit")
    asks: bool = False
    mediates: bool = False  # "X mediated between Y and Z": X acts on each of them, not Y with Z
    drafters: bool = False  # "voted for the US-drafted resolution on Iran": the target is its author
    received: bool = False  # "Russia received drones from Iran": the one after "from" gives
    denies: bool = False  # "denied supplying weapons": an act denied, when an act (not a party) follows
    refuses: bool = False  # "refused to condemn": an act refused, when "to" and an act follow
    gathering: bool = False  # "attended the BRICS summit in Kazan": the body named in the span is the target
    # "summoned the US ambassador", "listed China-based firms": a party in the span is the target
    inside: bool = False
    target: str | None = None  # a registry code the cue itself names: "the one-China policy" is China's
    # "detained an American journalist": a state's national acted on is the state (no private person)
    nationals: bool = False
    # "joined Russia's Vostok-2022 exercise": who joins and whose exercise it is act together (mutual)
    together: bool = False
    # "Moscow said it would retaliate": with no target named, whoever acted against the source before
    answers: bool = False


@dataclass(frozen=True)
class NamedPattern:
    """A party no alias can name: a numbered resolution is the UN's, a bare Treasury the US's."""

    code: str
    pattern: re.Pattern
    note: str


@dataclass(frozen=True)
class BlocAnaphor:
    """A phrase that points back at a bloc named before ('the bloc'), and the blocs it can name."""

    pattern: re.Pattern
    codes: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    """Every compiled pattern the extractor uses, with the version of each data file."""

    versions: dict
    cues: tuple[Cue, ...]
    cue_regex: re.Pattern
    cue_starts: dict[str, re.Pattern] | None
    themes: dict[Theme, re.Pattern]
    event_default_theme: dict[EventType, Theme]
    intent: re.Pattern
    reported: re.Pattern
    negation: re.Pattern
    commentary: re.Pattern
    attribution: re.Pattern
    private_persons: re.Pattern
    non_agent_nouns: re.Pattern
    group_prefix: re.Pattern
    locative: re.Pattern
    based_in: re.Pattern
    titles: re.Pattern
    offices: dict[str, str]
    pair_phrases: re.Pattern
    boilerplate: re.Pattern
    furniture_line: re.Pattern
    furniture_section: re.Pattern
    furniture_comments: re.Pattern
    furniture_inline: re.Pattern
    place_names: re.Pattern
    given_names: re.Pattern
    named_by_pattern: tuple[NamedPattern, ...] = ()
    named_by_any: re.Pattern | None = None  # all of them in one regex: most sentences name none
    bloc_anaphors: tuple[BlocAnaphor, ...] = ()


def default_lexicon_dir() -> Path:
    """data/lexicon beside the package."""
    return DATA_DIR / "lexicon"


def words(patterns: list[str], flags: int = re.IGNORECASE) -> re.Pattern:
    """One regex matching any of the patterns as whole words."""
    return re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])", flags)


def _lower_words(patterns: list[str]) -> re.Pattern:
    """words() for text lower-cased first: the patterns lower-cased, matched case-sensitively.

    Why: case-insensitive matching compares each character folded; on lower-cased text the same search
    takes half the time (theme search was the extractor's largest regex cost). No pattern may use an
    upper-case escape (\\W, \\D, \\S, \\B), which lower-casing would turn into its opposite."""
    if any(re.search(r"\\[A-Z]", p) for p in patterns):
        raise ValueError("a theme pattern uses an upper-case escape, which lower-casing would change")
    return words([p.lower() for p in patterns], flags=0)


# What may follow a verb that attributes only at a clause's close: punctuation, the end, a time or place.
_CLOSING = (
    r"(?=\s*(?:[,.;:!?\"”’)]|$)|\s+(?:on|in|at|late|earlier|yesterday|today|tonight|last|this|after|before"
    r"|from|when|citing|adding|without|according|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)"
)


def _line(patterns: list[str]) -> re.Pattern:
    """One regex matching a whole line that is any of the patterns (case-insensitive)."""
    return re.compile(r"^\s*(?:" + "|".join(patterns) + r")\s*$", re.IGNORECASE)


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ExtractError(f"{path}: lexicon file is missing") from error
    except json.JSONDecodeError as error:
        raise ExtractError(f"{path}:{error.lineno}: not valid JSON: {error.msg}") from error


# A term named in a cue pattern: "{treaty_name}" (a regex quantifier is digits, never a name).
_TERM = re.compile(r"\{([a-z][a-z_]*)\}")


def _terms(raw: dict, path: Path) -> dict[str, str]:
    """The lexicon's named terms, each expanded (a term may name one declared before it).

    Why: a list such as the treaty names or the sanctions lists served several cues, each with its own
    copy; declared once, a word added to it reaches every cue that names it."""
    terms: dict[str, str] = {}
    for name, pattern in raw.get("terms", {}).items():
        terms[name] = _expand(pattern, terms, path, f"term {name!r}")
    return terms


def _expand(pattern: str, terms: dict[str, str], path: Path, where: str) -> str:
    """pattern with each {term} replaced by the term's regex; an undeclared name is an error."""

    def one(found: re.Match) -> str:
        if found.group(1) not in terms:
            raise ExtractError(f"{path}: {where} names the term {{{found.group(1)}}}, which is not declared")
        return terms[found.group(1)]

    return _TERM.sub(one, pattern)


def _cues(raw: dict, path: Path) -> tuple[Cue, ...]:
    terms = _terms(raw, path)
    cues = []
    for name, spec in raw["events"].items():
        try:
            event_type = EventType(name)
        except ValueError as error:
            raise ExtractError(f"{path}: unknown PLOVER event type {name!r}") from error
        for item in spec["cues"]:
            item = item if isinstance(item, dict) else {"cue": item}
            cues.append(
                Cue(
                    event_type,
                    _expand(item["cue"], terms, path, f"{name} cue {item['cue']!r}"),
                    item.get("symmetric", spec.get("symmetric", False)),
                    item.get("subject_is_target", False),
                    item.get("asks", spec.get("asks", False)),
                    item.get("mediates", False),
                    item.get("drafters", False),
                    item.get("received", False),
                    item.get("denies", False),
                    item.get("refuses", False),
                    item.get("gathering", False),
                    item.get("inside", False),
                    item.get("target"),
                    item.get("nationals", spec.get("nationals", False)),
                    item.get("together", False),
                    item.get("answers", False),
                )
            )
    return tuple(cues)


def _cue_regex(cues: tuple[Cue, ...], members: list[int] | None = None) -> re.Pattern:
    """One regex with a numbered group per cue, so one scan finds every cue and says which it was.

    Python takes the first alternative that matches, so multi-word cues come first, longest first:
    "withdrew its peacekeepers" (SANCTION) wins over "withdrew" (RETREAT).
    """
    members = list(range(len(cues))) if members is None else members
    order = sorted(members, key=lambda i: (" " not in cues[i].pattern, -len(cues[i].pattern)))
    groups = "|".join(f"(?P<c{i}>{cues[i].pattern})" for i in order)
    return re.compile(r"(?<![\w-])(?:" + groups + r")(?![\w-])", re.IGNORECASE)


def _starts(pattern: str) -> set[str] | None:
    """The lower-case two-letter starts a cue pattern can have, or None when it has no plain start."""
    group = re.match(r"\(\?:([^()]*)\)(?![?*])", pattern)
    if re.match(r"\(\?:[^()]*\)[?*]", pattern):
        return None  # an optional first group: the cue may start with what follows it
    heads = {alternative[:2] for alternative in (group.group(1).split("|") if group else [pattern])}
    return heads if all(len(h) == 2 and h.isalpha() and h.islower() for h in heads) else None


def cue_starts(cues: tuple[Cue, ...]) -> dict[str, re.Pattern] | None:
    """One small cue regex per two-letter word start, so a word is tried only against cues that fit it.

    None when some cue has no plain-letter start: then the whole cue regex is tried at every word.
    """
    by_start: dict[str, list[int]] = {}
    for i, cue in enumerate(cues):
        heads = _starts(cue.pattern)
        if heads is None:
            return None
        for head in heads:
            by_start.setdefault(head, []).append(i)
    return {head: _cue_regex(cues, members) for head, members in by_start.items()}


@functools.lru_cache(maxsize=4)
def load_lexicon(directory: Path | str | None = None) -> Lexicon:
    """The lexicon in directory (default data/lexicon); cached because compiling it takes ~50 ms."""
    base = Path(directory) if directory else default_lexicon_dir()
    events, themes, markers = (_read(base / f"{n}.json") for n in ("events", "themes", "markers"))
    cues = _cues(events, base / "events.json")
    try:
        return Lexicon(
            versions={
                "events": events["version"],
                "themes": themes["version"],
                "markers": markers["version"],
            },
            cues=cues,
            cue_regex=_cue_regex(cues),
            cue_starts=cue_starts(cues),
            themes={Theme(k): _lower_words(v) for k, v in themes["themes"].items()},
            event_default_theme={EventType(k): Theme(v) for k, v in themes["event_defaults"].items()},
            intent=words(markers["intent"]),
            reported=words(markers["reported"]),
            negation=words(markers["negation"]),
            commentary=words(markers["commentary"]),
            attribution=re.compile(
                r",\s+(?:according to\b|[^,]{0,80}?\b(?:(?:" + "|".join(markers["attribution_verbs"]) + r")\b"
                r"|(?:" + "|".join(markers["attribution_verbs_closing"]) + r")\b" + _CLOSING + "))",
                re.IGNORECASE,
            ),
            private_persons=re.compile(
                r"(?:\s+(?P<word>[a-z][\w-]*))?\s+(?:" + "|".join(markers["private_persons"]) + r")\b",
                re.IGNORECASE,
            ),
            non_agent_nouns=re.compile(
                r"(?:\s+(?P<adjective>(?!of\b)[a-z][\w-]*))?\s+(?:"
                + "|".join(markers["non_agent_nouns"])
                + r")"
                r"(?![\w-])(?!\s+(?:" + "|".join(markers["agent_heads"]) + r")\b)",
            ),
            group_prefix=re.compile(r"\b(?:" + "|".join(markers["group_prefixes"]) + r")\s+$", re.IGNORECASE),
            locative=re.compile(
                r"\b(?:" + "|".join(markers["locative_prepositions"]) + r")\s+(?:the\s+)?"
                r"(?-i:(?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.'’-]*,\s+)?$",
                re.IGNORECASE,
            ),
            based_in=re.compile(
                r"\b(?:" + "|".join(markers["based_parties"]) + r")\s+"
                r"(?:(?:including|based|registered|located)\s+)?"
                r"(?:" + "|".join(markers["locative_prepositions"]) + r")\s+(?:the\s+)?$",
                re.IGNORECASE,
            ),
            titles=re.compile(r"(?:\s+(?:" + "|".join(markers["titles"]) + r"))+\s*$"),
            offices=markers["offices"],
            pair_phrases=words(markers["pair_phrases"]),
            boilerplate=re.compile(r"^\s*(?:" + "|".join(markers["boilerplate"]) + r")\s*$", re.IGNORECASE),
            furniture_line=_line(markers["furniture_lines"]),
            furniture_section=_line(markers["furniture_sections"]),
            furniture_comments=_line(markers["furniture_comments"]),
            furniture_inline=re.compile(
                r"\s(?:" + "|".join(markers["furniture_inline"]) + r").*$", re.IGNORECASE
            ),
            place_names=words(markers["place_names"]),
            given_names=re.compile(
                r"(?<![\w-])(?:"
                + "|".join(markers["given_names"])
                + r")(?=\s+(?!(?:Valley|River|Sea|Times|Post|Daily|Today|Tech|National|Airways|Airlines)\b)"
                r"[A-Z][a-z]+\b)"
            ),
            named_by_pattern=tuple(
                NamedPattern(n["code"], words(n["patterns"], flags=0), n["note"])
                for n in markers["named_by_pattern"]
            ),
            named_by_any=words([p for n in markers["named_by_pattern"] for p in n["patterns"]], flags=0),
            bloc_anaphors=tuple(
                BlocAnaphor(words([b["pattern"]], flags=0), frozenset(b["codes"]))
                for b in markers["bloc_anaphors"]
            ),
        )
    except (KeyError, ValueError, re.error) as error:
        raise ExtractError(f"{base}: lexicon is incomplete or has a bad pattern: {error}") from error
