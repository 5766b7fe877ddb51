"""Which actors of a sentence form one group, which stand before a cue in its clause, and which are objects.

The groundwork of the role rules (events.py, parties.py): 'X and Y', 'X, Y and Z', appositions, clause
ends, and the words that make a mention acted on ('sanctions on | Russia') rather than acting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bilateral.extract.actors import Mention
from bilateral.extract.cues import CueHit

OBJECT_MARKERS = {
    "to",
    "with",
    "for",
    "of",
    "between",
    "against",
    "from",
    "in",
    "on",
    "by",
    "at",
    "into",
    "toward",
    "towards",
    "over",
    "about",
    "visit",
    "visited",
    "visits",
    "meet",
    "met",
    "near",
    "than",
    "like",
    "among",
    "across",
    # "Russia has used | Iranian drones to strike ...": what is used is no actor of the act it is used for
    "use",
    "used",
    "uses",
    "using",
}
# "Russia and China, | along with | Iran, held drills": a party added to a list is one of the group.
JOIN = re.compile(
    r"^\s*(?:,\s*)?(?:and|&|-|–|/|,|along\s+with|together\s+with|as\s+well\s+as)?\s*(?:the\s+)?$"
)
# "Russia's Gazprom and | China's | CNPC": the possessive of a state that says whose the next one is.
# Two possessives sharing a noun: "Sweden's and | Finland's applications".
JOIN_POSSESSIVES = re.compile(r"^['’]s\s*(?:,\s*(?:and\s+)?|\s+and\s+)$")
# A state's own force or office, then the next party: "Russia's | Pacific Fleet and the | Chinese navy".
JOIN_OWN_UNIT = re.compile(
    r"^['’]s\s+(?:(?:(?-i:[A-Z])[\w.-]*|navy|army|military|armed|forces|air|force|fleet|coast|guard|"
    r"government|foreign|defen[cs]e|ministry|officials|troops|warships|bombers|jets)\s+){1,4}"
    r"(?:and|&)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
JOIN_OWNED = re.compile(r"^\s*(?:,\s*)?(?:and|&|,)\s+(?-i:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)['’]s\s+$")
# Two noun phrases, each led by a demonym: "Chinese (H-6 bombers) and (two) Russian ...".
PARALLEL = re.compile(r"^\s+(?:[\w-]+\s+){1,3}and\s+(?:(?:two|three|four|five|several|\d+|a|an|the)\s+)?$")
CLAUSE_END = re.compile(
    r";|,\s+(?:a|an|the|and|but|which|who|while|as|whose|where|after|before)\b|\.\s"
    r"|\b(?:after|despite|in response to|in retaliation (?:for|against)|in protest (?:at|against))\s"
    # a consequence: "held drills in the Sea of Japan, prompting a protest from Tokyo" (Tokyo is no target)
    r"|,\s+(?:prompting|sparking|drawing|triggering|provoking)\b"
    # a second verb of speech: "rejected the criticism and said its trade with Russia ..." (no target there)
    r"|\band\s+(?:said|says|added|insisted|stressed|argued|noted)\b"
)
OPENS_CLAUSE = re.compile(
    r"\b(?:in response to|in retaliation (?:for|against)|according to|due to|thanks to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
DETERMINERS = {"the", "a", "an"}
# Nouns of a number or a body of people: "a group of | Moroccan diplomats", "the leaders of | China".
PARTITIVES = {
    "group",
    "groups",
    "delegation",
    "delegations",
    "team",
    "teams",
    "contingent",
    "number",
    "handful",
    "dozens",
    "hundreds",
    "thousands",
    "couple",
    "pair",
    "members",
    "several",
    "many",
    "some",
    "both",
    "leaders",
    "heads",
    "presidents",
    "ministers",
    "officials",
    "representatives",
    "envoys",
    "delegates",
    "diplomats",
    "governments",
    "navies",
    "armies",
    "militaries",
    "troops",
    "forces",
}


# What may stand between a cue and the party it governs: "strikes on | the | Ukrainian cities".
DETERMINER_GAP = re.compile(r"^\s*(?:(?:the|a|an|its|their|his|her)\s+)?$", re.IGNORECASE)


def governed(position: int, sentence: str, cue_ends: Sequence[int], gap: re.Pattern = DETERMINER_GAP) -> bool:
    """True when an event cue ends just before position ("strikes on | Ukrainian cities"), only a gap
    the pattern allows between them."""
    return any(end <= position and gap.match(sentence[end:position]) for end in cue_ends)


def joined(gap: str) -> str | None:
    """'and' for 'X and Y' / 'X, and Y' / 'X-Y' / 'X and Z's Y', 'comma' for 'X, Y', None when the gap
    separates them."""
    if JOIN_OWNED.match(gap):
        return "comma" if gap.strip().startswith(",") and " and " not in gap else "and"
    if JOIN_POSSESSIVES.match(gap):
        return "comma" if " and " not in gap else "and"
    if JOIN_OWN_UNIT.match(gap):
        return "and"
    if not JOIN.match(gap):
        return None
    return "comma" if gap.strip() == "," else "and"


def grouped(parts: list[Mention], members: list[int], sentence: str, offset: int) -> list[Mention]:
    """Actors joined into one group; a bare comma joins only inside a list that has an 'and'.

    A pair phrase ('both leaders') is a group of its own: it never joins a named actor.
    """
    group, joins = [parts[members[0]]], []
    for i in members[1:]:
        left, right = sorted((group[-1], parts[i]), key=lambda m: m.start)
        gap = sentence[left.end - offset : right.start - offset]
        join = joined(gap)
        if join is None and left.how == right.how == "demonym" and PARALLEL.match(gap):
            join = "and"  # "two Chinese H-6 bombers and two Russian Tu-95 bombers"
        if join is None or "pair" in (left.how, right.how):
            break
        group.append(parts[i])
        joins.append(join)
    if "and" not in joins and "comma" in joins:
        group = group[: joins.index("comma") + 1]
    return sorted(group, key=lambda m: m.start)


def parentheticals(sentence: str) -> list[tuple[int, int]]:
    """Spans of appositions (', a key U.S. ally,') whose actors are not the subject."""
    return [m.span() for m in re.finditer(r",\s+(?:a|an|the|which|who)\b[^,;]*,", sentence)]


def candidates_before(hit: CueHit, parts: list[Mention], sentence: str, offset: int) -> list[int]:
    """Actors before the cue in its clause, appositions skipped."""
    names = {p.text for p in parts}
    spans = [
        (x, y)
        for x, y in parentheticals(sentence[: hit.start])
        if re.sub(r"^,\s+the\s+|,$", "", sentence[x:y]).strip() not in names
    ]
    out = []
    for i, p in enumerate(parts):
        a, b = p.start - offset, p.end - offset
        if b > hit.start or any(x <= a and b <= y for x, y in spans):
            continue
        between = sentence[b : hit.start]
        for x, y in reversed(spans):
            if x >= b:
                between = between[: x - b] + between[y - b :]
        for name in names:
            between = between.replace(", the " + name, ", " + name)
        if not CLAUSE_END.search(between):
            out.append(i)
    return out


def group_codes(group: list[Mention]) -> list[str]:
    """The group's actor codes in order, each once (a mention may carry two: "the two Koreas")."""
    out = []
    for m in group:
        out.extend(c for c in m.codes if c not in out)
    return out


def named_inside(hit: CueHit, parts: list[Mention], offset: int) -> list[int]:
    """The parts named inside the cue's words ('ban on | Russian | oil', 'attended the | BRICS | summit')."""
    return [i for i, p in enumerate(parts) if hit.start < p.start - offset and p.end - offset <= hit.end]


def new_clause(sentence: str, start: int, end: int) -> bool:
    """True when a clause boundary ('after', 'in response to', ', and') lies between two cues."""
    return bool(CLAUSE_END.search(sentence[start:end]))


def is_object(first: Mention, sentence: str, offset: int, hit: CueHit) -> bool:
    """True when the group before the cue follows a preposition or a verb: it is acted on, not acting."""
    if OPENS_CLAUSE.search(sentence[: first.start - offset]):
        return False
    words = re.findall(r"\w+", sentence[: first.start - offset])[-3:]
    while words and words[-1].lower() in DETERMINERS:
        words.pop()
    if len(words) >= 2 and words[-1] == "of" and words[-2][:1].isupper():
        return False  # 'the Foreign Minister of India met ...': the office's state acts
    if len(words) >= 2 and words[-1] == "of" and words[-2].lower() in PARTITIVES:
        return False  # 'a group of Moroccan diplomats held ...': the group is theirs
    return bool(words) and words[-1].lower() in OBJECT_MARKERS


def parties_from(hit: CueHit, parts: list[Mention], offset: int, gap, opens) -> list[int]:
    """The parties after the cue from the first whose gap passes opens: a target past a clause's end
    ("protested after | a US destroyer sailed", "in response to | US deployments", a treaty's apposition)."""
    later = [i for i, p in enumerate(parts) if p.start - offset >= hit.end]
    first = next((k for k, i in enumerate(later) if opens(gap(parts[i]))), None)
    return later[first:] if first is not None else []
