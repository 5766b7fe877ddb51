"""Who is a party to an event and who is only named near it: topics, places, joiners, second verbs.

Rules added to the role reading of events.py where the curated records' misses showed a pattern: what talks
are about, the place of a meeting with a partner the registry does not know, one who joins another in an
act, the subject of a gerund after 'after', a second verb joined by 'and'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bilateral.extract.actors import Mention
from bilateral.extract.cues import CueHit
from bilateral.extract.groups import governed, grouped, is_object

# A second verb with its own object after the cue's object: "opposed the curbs | and accused | Washington".
SECOND_VERB = re.compile(
    r"^\s+(?:[\w'’-]+\s+){1,5}?and\s+(?:\w+ly\s+)?(?:accused|condemned|critici[sz]ed|urged|warned|called|"
    r"demanded|threatened|rejected|blamed|denounced|vowed|pledged|praised|thanked|stood|expressed|voiced|"
    r"reaffirmed|renewed|promised|discussed)\b",
    re.IGNORECASE,
)
# What talks are about, not who takes part: "talks on | Iraq", "discussed the situation in | Syria" is a
# place (roles.py); "talks on Monday with | Putin" names the partner after "with".
# Words up to the party that name no partner ("with", "between") on the way.
_NO_PARTNER_WORD = r"(?:(?!with\b|between\b)[^;])*$"
TOPIC = re.compile(
    r"^\s+(?:on|about|regarding|concerning)\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"the phone|the sidelines)\b)" + _NO_PARTNER_WORD,
    re.IGNORECASE,
)
# The occasion of an act, not its party: "deepen their partnership during | Xi's visit to | Moscow"; a
# summit named there is no event of its own either (non_events.occasion_of); so is "on the day of | a strike
# on Kyiv" (no strike of the one named before it).
OCCASION_WORDS = (
    r"\b(?:during|amid|ahead\s+of|on\s+the\s+sidelines\s+of|on\s+the\s+(?:same\s+)?(?:day|eve)\s+of)\s"
)
OCCASION = re.compile(OCCASION_WORDS, re.IGNORECASE)
# The nouns of a claim that a rejection or a denial answers ("rejected | accusations | that ...", "dismissed
# Western | reports | that ..."): read by non_events (what the claim says is no event) and targets (a party
# inside it is no target).
CLAIM_WORDS = r"(?:reports?|claims?|allegations?|accusations?|suggestions?|rumou?rs?|charges?|assertions?)"
# What is discussed, not with whom: "discussed | Afghanistan and missile defence"; "discussed Ukraine
# with | Xi" names the partner.
DISCUSSED = re.compile(r"^\s+" + _NO_PARTNER_WORD, re.IGNORECASE)


def topic_of(hit: CueHit, gap: str) -> bool:
    """True when a party after a consultation's cue is what it is about ('talks on | Iraq', 'discussed |
    Afghanistan'), not whom it is with."""
    cue = hit.text.lower()
    discussed = cue.startswith("discuss") and not cue.startswith("discussion")
    return bool(TOPIC.match(gap) or (discussed and DISCUSSED.match(gap)))


# A name the registry does not hold joined to the acting group: "Sullivan and | Yang Jiechi",
# "Putin | and Bush".
NAME_AND = re.compile(r"(?-i:[A-Z][\w'’.-]+)\s+(?:and|&)\s+$")
AND_NAME = re.compile(r"^\s+(?:and|&)\s+(?-i:[A-Z][\w'’.-]+)")
AND_VERB = re.compile(r"^\s+(?:[\w'’-]+\s+){0,5}?and\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# Nothing, or a possessive's office, between the acting group and the cue: "Putin and Kazakhstan's
# president | signed": the two sign together.
TITLE_GAP = re.compile(
    r"^(?:['’]s)?[\s-]*(?:(?:president|prime minister|premier|leader|chancellor|king|emir|foreign minister|"
    r"defen[cs]e minister|government|leaders|presidents|ministers|governments)\s+)?$",
    re.IGNORECASE,
)
# A "by" phrase's opening: the whole gap ("the first joint patrol | by | Russia and China": BY_ONLY), or
# its end ("sanctioned by | the EU", events._BY_NEXT).
# "by (the) | Russia", and the agent behind a number of its weapons: "hit by a barrage of | Russian missiles"
BY_END = r"by(?:\s+the)?(?:\s+(?:a|an)\s+(?:barrage|wave|volley|salvo|swarm|series)\s+of)?\s*$"
BY_ONLY = re.compile(r"^\s+" + BY_END, re.IGNORECASE)
IN_PLACE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?$", re.IGNORECASE)
PARTNER_WORD = re.compile(r"\b(?:with|between|to)\b", re.IGNORECASE)


# The words that open a gerund adjunct: its subject is the main clause's ("The US left the treaty after |
# accusing | Russia of violating it"), and it ends that clause for the main verb's modality
# (modality._NEXT_CLAUSE).
ADJUNCT_WORDS = r"\b(?:after|before|while|since|despite|by|when|without|upon)"
GERUND_ADJUNCT = re.compile(ADJUNCT_WORDS + r"\s+$", re.IGNORECASE)
GERUND = re.compile(r"\w+ing\b", re.IGNORECASE)


def adjunct_subject(hit: CueHit, parts: list[Mention], sentence: str, offset: int) -> list[Mention]:
    """The main clause's subject for a cue that is a gerund in an adjunct ('after accusing'), else none.

    Why: the adjunct's word ends a clause, so the acting group before it was never read, and the
    accusation had no accuser."""
    adjunct = GERUND_ADJUNCT.search(sentence[: hit.start])
    if not adjunct or not GERUND.match(hit.text):
        return []
    first = [i for i, p in enumerate(parts) if p.end - offset <= adjunct.start()]
    if not first:
        return []
    group = grouped(parts, first, sentence, offset)
    return [] if is_object(group[0], sentence, offset, hit) else group


# "Australia joined | Britain | in | accusing Russia": who joined acts too.
IN_ONLY = re.compile(r"^\s+in\s+$")
JOINED = re.compile(r"^\s*(?:,[^,;]*,\s*)?join(?:s|ed|ing)?\s+(?:the\s+)?$", re.IGNORECASE)


def joiners(
    before: list[int], source: list[Mention], parts: list[Mention], sentence: str, offset: int
) -> list[Mention]:
    """The group that joined the acting one in an act ('Uzbekistan, a transit state, joined China in
    opening the pipeline'): it acts with it, where only the one joined was read as acting."""
    earlier = [i for i in before if parts[i].end <= source[0].start]
    group = grouped(parts, earlier[::-1], sentence, offset) if earlier else []
    if group and JOINED.match(sentence[group[-1].end - offset : source[0].start - offset]):
        return group
    return []


def unknown_partner(source: list[Mention], sentence: str, offset: int) -> bool:
    """True when the acting group is joined by 'and' to a capitalised name that is no actor.

    Why: with the partner unknown, the place after 'in' was taken for it ('held talks in Rome': Italy)."""
    if not source:
        return False
    return bool(
        NAME_AND.search(sentence[: source[0].start - offset])
        or AND_NAME.match(sentence[source[-1].end - offset :])
    )


# Those who attend "alongside" the one acting attend with it: "attended the parade | alongside | Xi".
ALONGSIDE_WORDS = r"alongside|along with|together with"
ALONGSIDE = re.compile(r"^\s+(?:[\w'’-]+\s+){0,3}?(?:" + ALONGSIDE_WORDS + r")\s+", re.IGNORECASE)
DETERMINED = re.compile(r"^\s*(?:(?:the|a|an|its|their|his|her|some|several|\d[\d,]*)\s+)*$", re.IGNORECASE)


def after_cue(first: Mention, sentence: str, offset: int, hit: CueHit, cue_ends: Sequence[int]) -> bool:
    """True when an earlier cue ends right before the mention: it is that cue's object."""
    return governed(first.start - offset, sentence, [e for e in cue_ends if e <= hit.start], DETERMINED)
