"""Interactions in one sentence: PLOVER cues and who acts on whom, by explicit rules (modality.py: how sure).

Roles follow the order of English news sentences: the actors before the cue act (joined by "and"),
the first actor after it is acted on; "X and Y agreed" with no one after is mutual. Each interaction
is a Candidate that keeps its cue, so the analyst sees why it was coded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bilateral.extract.actors import Mention
from bilateral.extract.lexicon import Cue, Lexicon
from bilateral.model import ActorKind, EventType
from bilateral.registry import codes_of

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
}
_WORD = re.compile(r"(?<![\w-])[A-Za-z]")
_JOIN = re.compile(r"^\s*(?:,\s*)?(?:and|&|-|–|/|,)?\s*(?:the\s+)?$")
# Two noun phrases, each led by a demonym: "Chinese (H-6 bombers) and (two) Russian ...".
_PARALLEL = re.compile(r"^\s+(?:[\w-]+\s+){1,3}and\s+(?:(?:two|three|four|five|several|\d+|a|an|the)\s+)?$")
_CLAUSE_END = re.compile(
    r";|,\s+(?:a|an|the|and|but|which|who|while|as|whose|where|after|before)\b|\.\s"
    r"|\b(?:after|despite|in response to|in retaliation (?:for|against)|in protest (?:at|against))\s"
    # a consequence: "held drills in the Sea of Japan, prompting a protest from Tokyo" (Tokyo is no target)
    r"|,\s+(?:prompting|sparking|drawing|triggering|provoking)\b"
    # a second verb of speech: "rejected the criticism and said its trade with Russia ..." (no target there)
    r"|\band\s+(?:said|says|added|insisted|stressed|argued|noted)\b"
)
_BY_AGENT = re.compile(
    r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?\w+(?:ed|en)\b[^;]*?\bby\s+(?:the\s+)?$"
)
_OPENS_CLAUSE = re.compile(
    r"\b(?:in response to|in retaliation (?:for|against)|according to|due to|thanks to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_INFINITIVE = re.compile(r"\bto\s+$")
# The clause a warning announces: "warned Beijing that further support ... would have consequences".
WARNED_THAT = re.compile(r"\bwarn(?:s|ed|ing)?\b[^.;]{0,80}?\bthat\b[^.;]*$", re.IGNORECASE)
# Who a pledge, an offer or support goes to: "pledged further military aid | to | Ukraine" (one "to": in
# "signed a deal to supply gas to Europe" the deal is between the signers).
_DATIVE = re.compile(r"^\s+(?:(?!to\b)[\w$.,%'-]+\s+){0,6}?to\s+(?:the\s+)?$", re.IGNORECASE)
REACTIONS = {EventType.ACCUSE, EventType.SUPPORT, EventType.REJECT}
# A resolution's author named in a cue's span: "the US-drafted | resolution".
_DRAFTED = re.compile(r"-(?:drafted|backed|sponsored|proposed|led|authored)\b", re.IGNORECASE)
_DRAFTED_BY = re.compile(
    r"\b(?:drafted|backed|sponsored|proposed|tabled|authored|put forward)\s+by\s+(?:the\s+)?$", re.IGNORECASE
)
_REASONED = {EventType.SANCTION}  # an accusation or a protest "over" an act aims at its author
_OVER = re.compile(r"\bover\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?$", re.IGNORECASE)
# Whom an act a reaction names was done to: "condemned the missile attack on | Kyiv" (Kyiv is not blamed).
_VICTIM = re.compile(
    r"^\s+(?:the|this|that|these|those|its|their|a|an)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|shelling|"
    r"bombing|bombardment|invasion|assault|killings?|raids?|occupation|blockade|seizure|detention|arrests?|"
    r"annexation)\s+(?:on|of|against|in|into)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Where a joint act happens, not with whom: "(China and Russia) conducted joint patrols | near | Alaska".
_AT_PLACE = re.compile(
    r"^\s+(?:[\w-]+\s+){0,3}?(?:near|off|around|in|inside|over|along|close to|off the coast of)"
    r"\s+(?:the\s+)?(?:(?:north|south|east|west)[\w-]*\s+|central\s+|far\s+)?"
    r"(?:(?-i:[A-Z])[\w-]*\s+(?:and|or)\s+)?$",
    re.IGNORECASE,
)
_WITH = re.compile(r"^\s+with\s+(?:the\s+)?$")
# A cue that is a noun received: "(Iran) received a formal | warning | from the US".
_RECEIVED_NOUN = re.compile(
    r"^\s+(?:has\s+|have\s+|had\s+)?(?:received|receives|receiving|got|gets)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)
# The giver after what was received: "received (hundreds of drones) | from | Iran".
_FROM = re.compile(r"^\s+(?:[\w$.,%'-]+\s+){0,4}?from\s+(?:the\s+)?$", re.IGNORECASE)
_DETERMINERS = {"the", "a", "an"}
# "called the move ...": a noun for an act coded before. An act of violence ("condemned the attack") points
# back only at an attacker (group `violence`): after "Putin spoke with Xi", China condemning "the attack on
# the concert hall" was China accusing Putin.
ANAPHORIC_OBJECT = re.compile(
    r"^\W*(?:\w+\s+){0,3}?(?:the|this|that|these|those|its|their)\s+(?:\w+\s+)?(?:decision|move|order|step|measures?|"
    r"curbs|rules|accusations?|allegations?|criticism|charges?|sanctions|duties|tariffs|ban|restrictions|controls|"
    r"findings|claims|"
    r"remarks|action|(?P<violence>attacks?|strikes?|bombings?|shelling|raids?)|expulsions?|suspension|closure|"
    r"seizure|detention|arrests?|launch|tests?|"
    r"invitation|offer|proposals?|requests?|plan)\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(?:that|which)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# A passive's agent after the verb: "were sanctioned by (the) United States", "placed on the list by".
_BY_NEXT = re.compile(r"\bby(?:\s+the)?\s*$", re.IGNORECASE)
# "accused of", "suspected of": passive (the active verb takes its object before "of"); the one accused is
# named before it, the accuser only in a "by" phrase ("was accused by Pakistan of ...").
ACCUSING = r"(?:accused|suspected|convicted)"  # "X accused of ..." names the accused; what of, is alleged
_ACCUSED_OF = re.compile(ACCUSING + r"\s+of\b", re.IGNORECASE)
_FOR_PURPOSE = re.compile(r"\bfor\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_CAME_TO = re.compile(
    r"\b(?:arriv\w*|travel\w*|flew|fl(?:y|ies|ying)|came|com(?:e|es|ing)|went|go(?:es|ing)?|head\w*|land\w*|"
    r"return\w*)\s+(?:\w+\s+){0,2}?(?:in|to|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Whom a measure aims at when the sentence does not name them: "tariffs on countries that buy Russian oil".
_UNNAMED_TARGET = re.compile(
    r"\b(?:countries|nations|states|buyers|companies|firms|entities|banks|anyone|those)\s+(?:that|which|who)\b",
    re.IGNORECASE,
)
# A second verb with its own object after the cue's object: "opposed the curbs | and accused | Washington".
_SECOND_VERB = re.compile(
    r"^\s+(?:[\w'’-]+\s+){1,5}?and\s+(?:\w+ly\s+)?(?:accused|condemned|critici[sz]ed|urged|warned|called|"
    r"demanded|threatened|rejected|blamed|denounced|vowed|pledged|praised|thanked)\b",
    re.IGNORECASE,
)
# What talks are about, not who takes part: "talks on | Iraq", "discussed the situation in | Syria" is a
# place (roles.py); "talks on Monday with | Putin" names the partner after "with".
_TOPIC = re.compile(
    r"^\s+(?:on|about|regarding|concerning)\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"the phone|the sidelines)\b)(?:(?!with\b|between\b)[^;])*$",
    re.IGNORECASE,
)
_GERUND_OBJECT = re.compile(r"\bof\s+\w+ing\s+(?:the\s+)?$", re.IGNORECASE)
_SPEECH = re.compile(
    r"\b(?:said|says|announced|insisted|stated|declared|told|added|warned)\b(?:\s+that)?", re.IGNORECASE
)


@dataclass(frozen=True)
class CueHit:
    """One cue found in a sentence, with offsets inside the sentence."""

    cue: Cue
    text: str
    start: int
    end: int


def find_cues(sentence: str, lexicon: Lexicon) -> list[CueHit]:
    """Every event cue in the sentence, left to right (multi-word cues win where cues overlap).

    The combined regex is tried only at words whose first two letters can start a cue: a tenth of
    the words, which keeps a 500-word article within a few milliseconds.
    """
    hits, cursor = [], 0
    for word in _WORD.finditer(sentence):
        pos = word.start()
        if pos < cursor:
            continue
        regex = (
            lexicon.cue_regex
            if lexicon.cue_starts is None
            else lexicon.cue_starts.get(sentence[pos : pos + 2].lower())
        )
        match = regex.match(sentence, pos) if regex else None
        if match:
            cue = lexicon.cues[int(match.lastgroup[1:])]
            hits.append(CueHit(cue, match.group(), match.start(), match.end()))
            cursor = match.end()
    return hits


def _joined(gap: str) -> str | None:
    """'and' for 'X and Y' / 'X, and Y' / 'X-Y', 'comma' for 'X, Y', None when the gap separates them."""
    if not _JOIN.match(gap):
        return None
    return "comma" if gap.strip() == "," else "and"


def _group(parts: list[Mention], members: list[int], sentence: str, offset: int) -> list[Mention]:
    """Actors joined into one group; a bare comma joins only inside a list that has an 'and'.

    A pair phrase ('both leaders') is a group of its own: it never joins a named actor.
    """
    group, joins = [parts[members[0]]], []
    for i in members[1:]:
        left, right = sorted((group[-1], parts[i]), key=lambda m: m.start)
        gap = sentence[left.end - offset : right.start - offset]
        join = _joined(gap)
        if join is None and left.how == right.how == "demonym" and _PARALLEL.match(gap):
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


def _candidates_before(hit: CueHit, parts: list[Mention], sentence: str, offset: int) -> list[int]:
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
        if not _CLAUSE_END.search(between):
            out.append(i)
    return out


def _codes(group: list[Mention]) -> list[str]:
    out = []
    for m in group:
        out.extend(c for c in m.codes if c not in out)
    return out


def _inside(hit: CueHit, parts: list[Mention], offset: int) -> list[int]:
    """The parts named inside the cue's words ('ban on | Russian | oil', 'attended the | BRICS | summit')."""
    return [i for i, p in enumerate(parts) if hit.start < p.start - offset and p.end - offset <= hit.end]


def roles(
    hit: CueHit, parts: list[Mention], sentence: str, offset: int, cue_ends: Sequence[int] = ()
) -> tuple[list[str], list[str], bool] | None:
    """(sources, targets, mutual) for one cue, or None when the sentence gives no acting actor.

    cue_ends: where the sentence's cues end; a party right after an earlier cue is its object, not the
    subject of a second verb joined by "and" ("attacked | Ukrainian cities and threatened Poland": Ukraine
    does not threaten), where an act it is accused of stays its own ("accused Cuba of supplying ...")."""
    before = _candidates_before(hit, parts, sentence, offset)
    after = [
        i
        for i, p in enumerate(parts)
        if p.start - offset >= hit.end and not _CLAUSE_END.search(sentence[hit.end : p.start - offset])
    ]
    if hit.cue.event_type in _REASONED:  # "sanctions on officials over | Crimea": the reason, not the target
        after = [i for i in after if not _OVER.search(sentence[hit.end : parts[i].start - offset])]
    # "opposed the curbs and accused | Washington": the party after a second verb is that verb's
    after = [i for i in after if not _SECOND_VERB.match(sentence[hit.end : parts[i].start - offset])]
    if hit.cue.event_type is EventType.CONSULT:  # "talks on | Iraq, North Korea and Taiwan": topics
        after = [i for i in after if not _TOPIC.match(sentence[hit.end : parts[i].start - offset])]
    if after and _UNNAMED_TARGET.search(sentence[hit.end : parts[after[0]].start - offset]):
        after = []  # "threatened tariffs on countries that buy | Russian oil": Russia is not the target
    if (
        after
        and hit.cue.event_type in REACTIONS
        and _VICTIM.match(sentence[hit.end : parts[after[0]].start - offset])
    ):
        # "condemned the attack on | Kyiv": who suffered it is not who is blamed; "... by | Russia" is
        after = [i for i in after if _BY_NEXT.search(sentence[hit.end : parts[i].start - offset])][:1]
    if hit.cue.gathering:  # "attended the BRICS summit in Kazan": the body named, not the place after it
        # (a state named in it is a host city's, "the Shanghai summit": no body met)
        bodies = [
            i for i in _inside(hit, parts, offset) if parts[i].codes[0] not in codes_of(ActorKind.STATE)
        ]
        after = bodies or after
    if hit.cue.envoy or hit.cue.inside:  # "summoned the US ambassador over ...": the envoy's state
        after = _inside(hit, parts, offset) or after
    if not after:  # a cue that spans its object: "ban on | Russian | oil imports"
        after = _inside(hit, parts, offset)
    if hit.cue.drafters:  # "voted for the US-drafted resolution on Iran": its author, not its subject
        after = _drafters(hit, parts, after, sentence, offset)
    elif hit.cue.event_type is EventType.REJECT and after:
        # "vetoed a Security Council resolution on Syria drafted by the United States": its author, when
        # named after "drafted by", before the Council or the subject named first
        after = _drafters(hit, parts, after, sentence, offset) or after
    prefix = sentence[: hit.start]
    source = _group(parts, before[::-1], sentence, offset) if before else []
    target = _group(parts, after, sentence, offset) if after else []
    if source and _RELATIVE.search(prefix) and len(prefix.rstrip()) - (source[-1].end - offset) > 12:
        return None  # "interference that threatens ...": the subject is not an actor
    adjacent = source and bool(_TITLE_GAP.match(sentence[source[-1].end - offset : hit.start]))
    if source and _GERUND_OBJECT.search(sentence[: source[0].start - offset]):
        # "refiners accused of buying | Iranian oil were sanctioned": the gerund's object is not the
        # subject; the group before that phrase is
        earlier = [i for i in before if parts[i].end <= source[0].start]
        source = _group(parts, earlier[::-1], sentence, offset) if earlier else []
    if source and _is_object(source[0], sentence, offset, hit) and _INFINITIVE.search(prefix):
        earlier = [i for i in before if parts[i].end <= source[0].start]
        source = _group(parts, earlier[::-1], sentence, offset) if earlier else []
        if source and _is_object(source[0], sentence, offset, hit):
            source = []
    elif source and (
        _is_object(source[0], sentence, offset, hit)
        or (
            _after_cue(source[0], sentence, offset, hit, cue_ends)
            and _AND_VERB.match(sentence[source[-1].end - offset : hit.start])
        )
    ):
        # "Putin arrived in Beijing for | talks (with Xi)": the place is an object; who came for talks or a
        # visit acts, with the one named after the cue, else with the place's state
        place = source
        came_for = (
            hit.cue.event_type is EventType.CONSULT
            and _FOR_PURPOSE.search(prefix)
            and _CAME_TO.search(sentence[: place[0].start - offset])
        )
        # "(The US) imposed sanctions on Iranian banks and | urged | Iraq ...": the first verb's subject
        second_verb = _AND_VERB.match(sentence[place[-1].end - offset : hit.start])
        earlier = [i for i in before if parts[i].end <= place[0].start] if came_for or second_verb else []
        if second_verb:
            source = _group(parts, earlier, sentence, offset) if earlier else []
        else:
            source = _group(parts, earlier[::-1], sentence, offset) if earlier else []
        if source and _is_object(source[0], sentence, offset, hit):
            source = []
        if source and not target and not second_verb:
            target = place
    if not before:
        source = _adjunct_subject(hit, parts, sentence, offset)
    if source and _IN_ONLY.match(sentence[source[-1].end - offset : hit.start]):
        source = _joiners(before, source, parts, sentence, offset) + source
    if hit.cue.symmetric and target and _unknown_partner(source, sentence, offset):
        # "Sullivan and Yang Jiechi held talks in | Rome": the partner is the one the registry does not
        # hold, not the place
        gaps = {i: sentence[hit.end : parts[i].start - offset] for i in after}
        after = [i for i in after if not _IN_PLACE.search(gaps[i]) or _PARTNER_WORD.search(gaps[i])]
        target = _group(parts, after, sentence, offset) if after else []
    if _ACCUSED_OF.match(sentence, hit.start):
        return None  # "Chinese refiners accused of buying Iranian oil": no accuser named
    passive = (
        (_PASSIVE.search(prefix) or _reduced_relative(hit, source, sentence, offset))
        and target
        and _BY_NEXT.search(sentence[hit.end : target[0].start - offset])
    )
    if passive or _received_from(hit, source, target, sentence, offset):
        source, target = target, source  # the one after "by" or "from" acts
    elif target and not source:
        agent = _by_agent(hit, parts, after, sentence, offset)
        if agent:
            target = [m for m in target if m not in agent] or [
                parts[i] for i in after if parts[i] not in agent
            ][:1]
            source = agent
    if hit.cue.target:  # "adheres to the one-China policy": China, whatever follows
        return (_codes(source), [hit.cue.target], False) if source else None
    if hit.cue.symmetric and source and target and _WITH.match(sentence[hit.end : target[0].start - offset]):
        return _codes(source), _codes(target), False
    if hit.cue.subject_is_target:
        return _speaker_roles(hit, parts, source, sentence, offset)
    # "talks were held between X and Y" (not "offered to mediate between": that names the mediator's act)
    between = re.match(r"\s+(?:(?!to\b)\w+\s+){0,2}?between\b", sentence[hit.end :], re.IGNORECASE)
    if hit.cue.mediates and between and source and len(_codes(target)) >= 2:
        return _codes(source), _codes(target), False
    if hit.cue.symmetric and between and len(_codes(target)) >= 2:
        return _codes(target), [], True
    acting_pair = source and source[-1].how == "pair"
    given = target and _DATIVE.match(sentence[hit.end : target[0].start - offset])
    placed = target and _AT_PLACE.match(sentence[hit.end : target[0].start - offset])
    together = adjacent or acting_pair or placed
    if source and together and len(_codes(source)) >= 2 and hit.cue.symmetric and not given:
        return _codes(source), [], True
    if not source and len(_codes(target)) >= 2 and hit.cue.symmetric:
        by_agents = _BY_NEXT.search(sentence[hit.end : target[0].start - offset])
        if by_agents and hit.cue.event_type in REACTIONS:
            return None  # "the resolution backed by Ukraine and Poland": they back it, not each other
        return _codes(target), [], True
    if (
        target
        and hit.cue.symmetric
        and hit.cue.event_type not in REACTIONS
        and len(_codes(target)) >= 2
        and _BY_ONLY.match(sentence[hit.end : target[0].start - offset])
    ):
        return _codes(target), [], True  # "the first joint air patrol by | Russia and China": theirs
    if source and target:
        return _codes(source), _codes(target), False
    if len(_codes(source)) >= 2 and hit.cue.symmetric:
        return _codes(source), [], True
    return None


# A name the registry does not hold joined to the acting group: "Sullivan and | Yang Jiechi",
# "Putin | and Bush".
_NAME_AND = re.compile(r"(?-i:[A-Z][\w'’.-]+)\s+(?:and|&)\s+$")
_AND_NAME = re.compile(r"^\s+(?:and|&)\s+(?-i:[A-Z][\w'’.-]+)")
_AND_VERB = re.compile(r"^\s+(?:[\w'’-]+\s+){0,3}?and\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# Nothing, or a possessive's office, between the acting group and the cue: "Putin and Kazakhstan's
# president | signed": the two sign together.
_TITLE_GAP = re.compile(
    r"^(?:['’]s)?[\s-]*(?:(?:president|prime minister|premier|leader|chancellor|king|emir|foreign minister|"
    r"defen[cs]e minister|government|leaders|presidents|ministers|governments)\s+)?$",
    re.IGNORECASE,
)
_BY_ONLY = re.compile(r"^\s+by\s+(?:the\s+)?$", re.IGNORECASE)
_IN_PLACE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?$", re.IGNORECASE)
_PARTNER_WORD = re.compile(r"\b(?:with|between|to)\b", re.IGNORECASE)


# A gerund after "after", "before", "by" ... shares the clause's subject: "The US left the treaty after |
# accusing | Russia of violating it".
_GERUND_ADJUNCT = re.compile(
    r"\b(?:after|before|while|since|despite|by|when|without|upon)\s+$", re.IGNORECASE
)
_GERUND = re.compile(r"\w+ing\b", re.IGNORECASE)


def _adjunct_subject(hit: CueHit, parts: list[Mention], sentence: str, offset: int) -> list[Mention]:
    """The main clause's subject for a cue that is a gerund in an adjunct ('after accusing'), else none.

    Why: the adjunct's word ends a clause, so the acting group before it was never read, and the
    accusation had no accuser."""
    adjunct = _GERUND_ADJUNCT.search(sentence[: hit.start])
    if not adjunct or not _GERUND.match(hit.text):
        return []
    first = [i for i, p in enumerate(parts) if p.end - offset <= adjunct.start()]
    if not first:
        return []
    group = _group(parts, first, sentence, offset)
    return [] if _is_object(group[0], sentence, offset, hit) else group


# "Australia joined | Britain | in | accusing Russia": who joined acts too.
_IN_ONLY = re.compile(r"^\s+in\s+$")
_JOINED = re.compile(r"^\s*(?:,[^,;]*,\s*)?join(?:s|ed|ing)?\s+(?:the\s+)?$", re.IGNORECASE)


def _joiners(
    before: list[int], source: list[Mention], parts: list[Mention], sentence: str, offset: int
) -> list[Mention]:
    """The group that joined the acting one in an act ('Uzbekistan, a transit state, joined China in
    opening the pipeline'): it acts with it, where only the one joined was read as acting."""
    earlier = [i for i in before if parts[i].end <= source[0].start]
    group = _group(parts, earlier[::-1], sentence, offset) if earlier else []
    if group and _JOINED.match(sentence[group[-1].end - offset : source[0].start - offset]):
        return group
    return []


def _unknown_partner(source: list[Mention], sentence: str, offset: int) -> bool:
    """True when the acting group is joined by 'and' to a capitalised name that is no actor.

    Why: with the partner unknown, the place after 'in' was taken for it ('held talks in Rome': Italy)."""
    if not source:
        return False
    return bool(
        _NAME_AND.search(sentence[: source[0].start - offset])
        or _AND_NAME.match(sentence[source[-1].end - offset :])
    )


_DETERMINED = re.compile(r"^\s*(?:(?:the|a|an|its|their|his|her|some|several|\d[\d,]*)\s+)*$", re.IGNORECASE)


def _after_cue(first: Mention, sentence: str, offset: int, hit: CueHit, cue_ends: Sequence[int]) -> bool:
    """True when an earlier cue ends right before the mention: it is that cue's object."""
    start = first.start - offset
    return any(
        end <= start and end <= hit.start and _DETERMINED.match(sentence[end:start]) for end in cue_ends
    )


def _drafters(hit: CueHit, parts: list[Mention], after: list[int], sentence: str, offset: int) -> list[int]:
    """The parts naming a resolution's author: 'the US-drafted resolution' in the cue's span, or the group
    after 'backed by', 'drafted by' ...; none when only its subject is named ('the Iran sanctions
    resolution': Iran is not whom a vote for or against it answers)."""
    inside = [
        i
        for i, p in enumerate(parts)
        if hit.start <= p.start - offset < hit.end and _DRAFTED.match(sentence, p.end - offset)
    ]
    if inside:
        return inside
    for i in after:
        if _DRAFTED_BY.search(sentence[hit.end : parts[i].start - offset]):
            return [j for j in after if j >= i]
    return []


# Words between a party and a participle that make it a reduced passive: "the SCO | summit | hosted by".
_NOUNS_BETWEEN = re.compile(r"^\s+(?:[a-z][\w-]*\s+){1,3}$")


def _reduced_relative(hit: CueHit, source: list[Mention], sentence: str, offset: int) -> bool:
    """True for a past participle after a noun of the party before it ('the SCO summit hosted by
    Pakistan'): a passive without 'was', whose agent follows 'by'.

    Why: it read as the SCO acting on Pakistan, the host taken for the target."""
    if not source or not sentence[hit.start : hit.end].lower().endswith("ed"):
        return False
    return bool(_NOUNS_BETWEEN.match(sentence[source[-1].end - offset : hit.start]))


def _received_from(
    hit: CueHit, source: list[Mention], target: list[Mention], sentence: str, offset: int
) -> bool:
    """True when the one named after "from" gave what the one before received: "Russia received drones
    from Iran" (a cue that holds the verb: `received`), "Iran received a warning from the US" (a noun cue)."""
    if not (source and target and _FROM.match(sentence[hit.end : target[0].start - offset])):
        return False
    return hit.cue.received or bool(_RECEIVED_NOUN.search(sentence[source[-1].end - offset : hit.start]))


def _by_agent(
    hit: CueHit, parts: list[Mention], after: list[int], sentence: str, offset: int
) -> list[Mention]:
    """'Duties were imposed on X by Y': the group after a passive verb's 'by' acts."""
    for i in after:
        if _BY_AGENT.search(sentence[hit.end : parts[i].start - offset]):
            return _group(parts, [j for j in after if j >= i], sentence, offset)
    return []


def new_clause(sentence: str, start: int, end: int) -> bool:
    """True when a clause boundary ('after', 'in response to', ', and') lies between two cues."""
    return bool(_CLAUSE_END.search(sentence[start:end]))


def sources_only(hit: CueHit, parts: list[Mention], sentence: str, offset: int) -> list[str]:
    """The acting group before a cue whose target the sentence does not name ('X called the move ...')."""
    before = _candidates_before(hit, parts, sentence, offset)
    group = _group(parts, before[::-1], sentence, offset) if before else []
    if not group or _is_object(group[0], sentence, offset, hit):
        return []
    return _codes(group)


def _is_object(first: Mention, sentence: str, offset: int, hit: CueHit) -> bool:
    """True when the group before the cue follows a preposition or a verb: it is acted on, not acting."""
    if _OPENS_CLAUSE.search(sentence[: first.start - offset]):
        return False
    words = re.findall(r"\w+", sentence[: first.start - offset])[-3:]
    while words and words[-1].lower() in _DETERMINERS:
        words.pop()
    if len(words) >= 2 and words[-1] == "of" and words[-2][:1].isupper():
        return False  # 'the Foreign Minister of India met ...': the office's state acts
    if len(words) >= 2 and words[-1] == "of" and words[-2].lower() in _PARTITIVES:
        return False  # 'a group of Moroccan diplomats held ...': the group is theirs
    return bool(words) and words[-1].lower() in OBJECT_MARKERS


# Nouns of a number or a body of people: "a group of | Moroccan diplomats", "the leaders of | China".
_PARTITIVES = {
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


def _speaker_roles(hit, parts, subject, sentence, offset):
    """'Russia said Sudan must return ...': the speaker acts on the subject of 'must'."""
    if not subject:
        return None
    first = subject[0].start - offset
    speakers = [
        i
        for i, p in enumerate(parts)
        if p.end - offset <= first and _SPEECH.search(sentence[p.end - offset : first])
    ]
    if not speakers:
        return None
    return _codes(_group(parts, speakers[::-1], sentence, offset)), _codes(subject), False
