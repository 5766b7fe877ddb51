"""Mentions that name a state without the state acting: modifiers, ethnic groups, places, officials.

Each rule is explicit and shown to the analyst when it fires: a demonym or country name describing a
non-agent noun ("the Russian language", "U.S. soil", "the Thai border") is not the state; a demonym
after "ethnic" names a people ("ethnic Albanians"); a place after a locative preposition ("refugees in
Iraq", "in Bam, Iran") is where something happens when two other actors take part, unless an event
cue governs it ("interfered in Iran"); a national named as an organisation's official ("U.N. mediator
Diego Cordovez") speaks for the organisation. Nouns for people (refugees, citizens, prisoners) are
not in the list: news coders count them as their state when they are acted on. The word lists are
data (data/lexicon/markers.json).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bilateral.extract.actors import STATE_LIKE, ActorIndex, Mention
from bilateral.extract.groups import governed, parentheticals
from bilateral.extract.lexicon import Lexicon
from bilateral.model import ActorKind

_COORDINATION = re.compile(r"^\s*(?:,\s*)?(?:and|or|,)\s*$")
_OFFICIAL_BEFORE = re.compile(
    r"^(?:['’]s)?\s+(?:(?:[a-z][\w-]*|Secretary[- ]General|Secretary|Director[- ]General|Chief|President|"
    r"Commissioner|Spokes(?:man|woman|person)|Envoy|High|Representative|Head|Chair(?:man|woman)?)\s+){1,3}$"
)
_OFFICIAL_AFTER = re.compile(r"^,\s+(?:the|a|an)\s+$")
_PLURAL_OF = re.compile(r"^\s+of\s+(?:\w+\s+)?[A-Z]")
_POSSESSIVE = re.compile(r"^['’]s\s+$")
# "the Russian-led | Collective Security Treaty Organization": the body named is the party; who leads it
# describes it
_LED = re.compile(r"^[-‑](?:led|dominated)\s+(?:the\s+)?$", re.IGNORECASE)
# "pro-Russian separatists", "the one-China policy", "anti-Western protests": a compound that describes
_COMPOUND = re.compile(r"(?<![\w-])(?:pro|anti|one|non)[-‑]$", re.IGNORECASE)


def _is_state(m: Mention, index: ActorIndex) -> bool:
    actor = index.actors.get(m.codes[0])
    return bool(actor) and actor.kind in STATE_LIKE and m.role == "actor"


def _describes_noun(m: Mention, sentence: str, offset: int, lexicon: Lexicon) -> bool:
    """True when a non-agent noun follows the mention, directly or (after a demonym) past one adjective."""
    noun = lexicon.non_agent_nouns.match(sentence, m.end - offset)
    if not noun:
        return False
    adjective = noun.group("adjective")
    return adjective is None or (m.how == "demonym" and not m.text.endswith("s"))


# A state's edge named by its demonym: "massed troops near | the Ukrainian | border" names Ukraine, whose
# border it is (as "near the border with Ukraine" does), not a thing the state describes.
_EDGE_BEFORE = re.compile(
    r"\b(?:near|along|on|at|to|close to|towards?|across)\s+(?:the|its|their)\s+$", re.IGNORECASE
)
_EDGE_AFTER = re.compile(r"\s+(?:borders?|frontiers?|coast|coastline|waters|airspace)\b", re.IGNORECASE)


def _at_its_edge(m: Mention, sentence: str, offset: int) -> bool:
    """'near the Ukrainian border': the demonym names the state at whose border, coast or airspace it is."""
    return bool(_EDGE_BEFORE.search(sentence[: m.start - offset])) and bool(
        _EDGE_AFTER.match(sentence, m.end - offset)
    )


def _names_place(m: Mention, nxt: Mention | None, sentence: str, offset: int, index: ActorIndex) -> bool:
    """'Western Cambodia': an adjective right before a country's name is part of the place name.

    Only across a space: 'US-China talks' joins two parties, it names no place."""
    actor = index.actors.get(nxt.codes[0]) if nxt else None
    return (
        m.how == "demonym"
        and bool(actor)
        and actor.kind is ActorKind.STATE
        and nxt.how == "name"
        and sentence[m.end - offset : nxt.start - offset] == " "
    )


def mark_modifiers(
    mentions: list[Mention],
    sentence: str,
    offset: int,
    cue_ends: Sequence[int],
    index: ActorIndex,
    lexicon: Lexicon,
    mobilising_ends: Sequence[int] = (),
) -> list[Mention]:
    """'the Russian language', 'Thai and Lao territory': the state describes a thing, it does not act.

    Runs right to left so that a coordinated modifier ('Thai and') follows the one next to the noun.
    What an event cue acts on stays an actor ("strikes on Ukrainian cities"), and so does the state at
    whose edge forces gather after a cue of mobilisation ends (mobilising_ends: "massed troops near the
    Ukrainian border"), where a stronghold "on the Thai border" stays a place.
    """
    out = list(mentions)
    for i in range(len(out) - 1, -1, -1):
        m = out[i]
        if not _is_state(m, index) or m.note:
            continue  # or judged already: a national acted on ("visa-free travel for Russian tourists")
        if any(end <= m.start - offset for end in mobilising_ends) and _at_its_edge(m, sentence, offset):
            out[i] = replace(m, note=f"'{m.text}' names the state at whose border, coast or airspace it is")
            continue
        nxt = out[i + 1] if i + 1 < len(out) else None
        coordinated = (
            nxt is not None
            and nxt.role == "modifier"
            and _COORDINATION.match(sentence[m.end - offset : nxt.start - offset])
        )
        described = (
            coordinated
            or _describes_noun(m, sentence, offset, lexicon)
            or _names_place(m, nxt, sentence, offset, index)
        )
        compound = _COMPOUND.search(sentence[: m.start - offset])
        if compound or (described and not governed(m.start - offset, sentence, cue_ends)):
            note = f"'{m.text}' describes something here, not the state {m.codes[0]} acting"
            out[i] = replace(m, role="modifier", note=note)
        elif _owns(m, nxt, sentence, offset, index):
            note = f"'{m.text}' says whose {nxt.text} it is here; {nxt.text} is the actor"
            out[i] = replace(m, role="modifier", note=note)
    return out


def _owns(m: Mention, nxt: Mention | None, sentence: str, offset: int, index: ActorIndex) -> bool:
    """'Russia's MTS', 'China's CNPC': a state's possessive right before a company, a body or a leader, or
    a state that leads the body named after it ('the Russian-led Collective Security Treaty Organization').

    Why: the one named after it acts or is acted on ('signed an agreement with Russia's MTS' is with MTS);
    the state was taken as the party and the company, further on, left out."""
    actor = index.actors.get(nxt.codes[0]) if nxt else None
    if not actor or nxt.role != "actor":
        return False
    gap = sentence[m.end - offset : nxt.start - offset]
    if _LED.match(gap):
        return actor.kind is not ActorKind.STATE
    return actor.kind not in STATE_LIKE and bool(_POSSESSIVE.match(gap))


def mark_groups(mentions: list[Mention], sentence: str, offset: int, lexicon: Lexicon) -> list[Mention]:
    """'ethnic Albanians', 'the Albanians of southern Serbia': a people, not the state of that name."""
    out = []
    for m in mentions:
        before = sentence[: m.start - offset]
        after = sentence[m.end - offset :]
        plural_of = m.text.endswith("s") and _PLURAL_OF.match(after)
        prefixed = lexicon.group_prefix.search(before) and m.how in ("demonym", "name")
        if m.role == "actor" and (prefixed or (m.how == "demonym" and plural_of)):
            m = replace(m, role="group", note=f"'{m.text}' names a people here, not the state {m.codes[0]}")
        out.append(m)
    return out


# Where a state's mission sits: "China's embassy in | London dismissed ...": the host is no party.
_MISSION_IN = re.compile(
    r"['’]s\s+(?:[\w-]+\s+)?(?:embassy|consulate(?:-general)?|mission|representative office|trade office)"
    r"\s+(?:in|to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def mark_locations(
    mentions: list[Mention],
    sentence: str,
    offset: int,
    cue_ends: Sequence[int],
    index: ActorIndex,
    lexicon: Lexicon,
) -> list[Mention]:
    """A state after 'in', 'near', 'around' ... is a place when two other actors (not in an aside) take part.

    A locative phrase is an adjunct: it names a party only when the clause has no other party for it
    ("Sri Lanka opened an embassy in Tehran"), or when an event cue governs it ("intervened in Syria").
    """
    places = [i for i, m in enumerate(mentions) if _is_place(m, sentence, offset, cue_ends, index, lexicon)]
    asides = parentheticals(sentence)
    out = list(mentions)
    for i in places:
        m = mentions[i]
        own = index.rollup.get(m.codes[0], m.codes[0])
        others = {  # the state's own official named after it counts ("in | Beijing | for talks with Wang Yi")
            x.codes[0]
            if x.start > m.start and x.codes[0] != m.codes[0]
            else index.rollup.get(x.codes[0], x.codes[0])
            for j, x in enumerate(mentions)
            if j not in places and x.role == "actor" and not any(a <= x.start - offset < b for a, b in asides)
        } - {own}
        if len(others) >= 2 or _MISSION_IN.search(sentence[: m.start - offset]):
            out[i] = replace(m, role="location", note=f"'{m.text}' is a place here, not an actor")
    return out


def _is_place(m: Mention, sentence: str, offset: int, cue_ends, index: ActorIndex, lexicon: Lexicon) -> bool:
    actor = index.actors.get(m.codes[0])
    if (
        m.role != "actor"
        or m.how not in ("name", "capital")
        or not actor
        or actor.kind is not ActorKind.STATE
    ):
        return False
    before = sentence[: m.start - offset]
    place = lexicon.locative.search(before)
    if place and lexicon.based_in.search(before):
        return False  # "entities in China": where the parties acted on are based, so the state is a party
    return bool(place) and not governed(place.start(), sentence, cue_ends)


def mark_officials(mentions: list[Mention], sentence: str, offset: int, index: ActorIndex) -> list[Mention]:
    """'U.N. mediator Diego Cordovez', 'Kenzo Oshima, the United Nations ...': the person acts for the UN."""
    out = list(mentions)
    for i, m in enumerate(out):
        if m.how != "person" or m.role != "actor":
            continue
        body = None
        if i > 0 and _OFFICIAL_BEFORE.match(sentence[out[i - 1].end - offset : m.start - offset]):
            body = out[i - 1]
        elif i + 1 < len(out) and _OFFICIAL_AFTER.match(sentence[m.end - offset : out[i + 1].start - offset]):
            body = out[i + 1]
        if body and _is_body(body, index):
            note = f"'{m.text}' acts for {body.text} here, not for {m.codes[0]}"
            out[i] = replace(m, role="official", note=note)
    return out


def _is_body(m: Mention, index: ActorIndex) -> bool:
    actor = index.actors.get(m.codes[0])
    return bool(actor) and actor.kind in (ActorKind.BLOC, ActorKind.ORGANISATION) and m.role == "actor"


# A state's own council named as the UN's is: "Russia's | Security Council", "the Russian | Security Council".
_OWN_COUNCIL = re.compile(r"(?:['’]s?)?\s+$")


def national_councils(
    mentions: list[Mention], sentence: str, offset: int, index: ActorIndex
) -> list[Mention]:
    """Drop 'Security Council' right after a state's name or demonym: the state's own council, for which the
    state stands ('Russia's Security Council secretary Shoigu met Wang Yi' came out as the UN meeting him)."""
    out: list[Mention] = []
    for m in mentions:
        before = out[-1] if out else None
        if (
            before
            and m.text.lower() == "security council"
            and before.codes[0] in index.actors
            and index.actors[before.codes[0]].kind is ActorKind.STATE
            and _OWN_COUNCIL.fullmatch(sentence[before.end - offset : m.start - offset])
        ):
            continue
        out.append(m)
    return out
