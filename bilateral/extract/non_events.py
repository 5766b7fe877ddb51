"""Cues that are no event of their own: what a request asks for, what a warning says would happen or
cautions against, the reason an earlier cue gives, the act a reaction names, a denial of an act and the act
it denies, a refusal of an act of conflict and any act refused, what a resolution voted on would do, and an
agreement whose content is a measure against its target.

Each is decided from the sentence's cues alone (before roles are read), except the agreement, whose caller
knows whether it was mutual. Kept apart from events.py, which finds cues and reads their roles.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bilateral.extract.actors import Mention
from bilateral.extract.cues import CueHit
from bilateral.extract.events import WARNED_THAT
from bilateral.extract.groups import new_clause
from bilateral.extract.lexicon import Lexicon
from bilateral.extract.parties import CLAIM_WORDS, OCCASION_WORDS
from bilateral.extract.targets import REACTIONS
from bilateral.model import EventType

# What a request asks for, also when it asks to stop it: "urged China to (stop) supplying ...", "urged
# Argentina to halt (beef) exports to Chile", and what one is invited to: "invited Japan to its | summit".
_REQUESTED_ACT = re.compile(
    r"\bto\s+(?:(?:stop|halt|cease|end|quit|avoid|refrain\s+from)\s+(?:[a-z-]+\s+){0,2}?"
    r"|(?:its|their|his|her|the|a|an|next\s+year's|this\s+year's)\s+(?:[a-z-]+\s+)?)?$",
    re.IGNORECASE,
)
# What a warning cautions against: "warned the West against | sending more weapons to Ukraine", "warned
# Beijing against supplying lethal | aid to Moscow".
_WARNED_AGAINST = re.compile(
    r"\b(?:warn|caution)\w*\b[^.;]{0,60}?\bagainst\s+(?:\w+ing\s+(?:[\w-]+\s+){0,2}?)?$", re.IGNORECASE
)
# What a reaction is about: "condemned | Russia's full-scale | invasion", "welcomed | the Chinese | offer".
_REACTED_TO = re.compile(
    r"^\s+(?:(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*(?:'s|’s)?|the|this|that|these|those)\s+"
    r"(?:(?!(?:and|or|but|then|to|for|of|that|after|before|as|was|were|is|are|had|has|have)\b)[a-z-]+\s+){0,2}$"
    # "rejected a US | request": the named party's act itself, no word between (not "a Security Council
    # resolution | censuring Chad", the resolution's own act)
    r"|^\s+(?:a|an)\s+[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*\s+$"
)
_FOR_THEIR = re.compile(r"\bfor\s+(?:their|its|his|her)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


def requested(hit: CueHit, hits: list[CueHit], sentence: str) -> bool:
    """True for a cue in the infinitive of a request or an invitation in its clause ('urged Washington to
    stop ...', 'invited Xi to visit ...'), also one whose cue opens with its 'to' ('urged Moscow and Kyiv |
    to return | to the negotiating table' came out as their agreement)."""
    before = sentence[: hit.start] + ("to " if hit.text[:3].lower() == "to " else "")
    if not _REQUESTED_ACT.search(before):
        return False
    return _earlier_in_clause(hit, hits, sentence, lambda h: h.cue.asks)


# What a modal demand asks to stop: "said Beijing must stop | supplying ...", "told Xi that China should not |
# send weapons ...": the act is asked against, not done ("should coordinate" stays the act intended).
_MODAL_GAP = re.compile(
    r"^\s+(?:(?:not|never|no\s+longer)\s+|(?:stop|halt|cease|end|quit|avoid|refrain\s+from)\s+(?:[a-z-]+\s+){0,2}?)$",
    re.IGNORECASE,
)


# Talks between two parties that a third offers to host or proposes: "offered to host | talks | between
# Russia and Ukraine" (the offer is the event; no talks were held, nor agreed by the two).
_OFFERED = re.compile(
    r"\b(?:offer|propos|suggest)\w*\s+(?:to\s+(?:host|hold|broker|mediate|facilitate|organi[sz]e|arrange)\s+)?"
    r"(?:(?:new|fresh|direct|peace|further)\s+)*$",
    re.IGNORECASE,
)
_BETWEEN_NEXT = re.compile(r"\s+between\b", re.IGNORECASE)


def offered_talks(hit: CueHit, sentence: str) -> bool:
    """True for talks between two parties that the sentence only offers or proposes to host."""
    return (
        hit.cue.event_type is EventType.CONSULT
        and bool(_BETWEEN_NEXT.match(sentence, hit.end))
        and bool(_OFFERED.search(sentence[: hit.start]))
    )


# A response and the act it was made by: "retaliated | by | expelling twenty Czech diplomats".
_BY_NEXT_ACT = re.compile(r"\s+by\s+$", re.IGNORECASE)
_GERUND_START = re.compile(r"[a-z]+ing\b", re.IGNORECASE)  # "by | expelling", not "by | video link"


def answered_by(hit: CueHit, hits: list[CueHit], sentence: str) -> bool:
    """True for a cue whose act is named by the cue right after its 'by' ('Moscow retaliated by expelling
    twenty Czech diplomats' is the expulsion, not a sanction named 'retaliated')."""
    return any(
        other.start > hit.end
        and _BY_NEXT_ACT.fullmatch(sentence[hit.end : other.start])
        and _GERUND_START.match(other.text)
        for other in hits
    )


def demanded(hit: CueHit, hits: list[CueHit], sentence: str) -> bool:
    """True for a cue right after a modal demand's 'must' or 'should' ('Beijing must stop supplying ...')."""
    return any(
        h.cue.subject_is_target
        and h.cue.event_type is EventType.REQUEST
        and h.end <= hit.start
        and _MODAL_GAP.match(sentence[h.end : hit.start])
        for h in hits
        if h is not hit
    )


# What a ban forbids: "reconsider its ban on | supplying weapons to Ukraine" (no supply, and no sanction).
_BANNED_ACT = re.compile(r"\bbans?\s+on\s+$", re.IGNORECASE)


def object_of_a_ban(hit: CueHit, sentence: str) -> bool:
    """True for the act a ban forbids ('its ban on supplying weapons to Ukraine'): it does not happen."""
    return bool(_BANNED_ACT.search(sentence[: hit.start]))


def reason_of(hit: CueHit, hits: list[CueHit], sentence: str) -> bool:
    """True for a cue naming why an earlier cue of its clause happened ('thanked Britain and France for
    their support', 'criticised Tokyo for its remarks'): that event is already coded, this is no other."""
    if not _FOR_THEIR.search(sentence[: hit.start]):
        return False
    return _earlier_in_clause(hit, hits, sentence, lambda h: True)


def reacted_to(hit: CueHit, hits: list[CueHit], sentence: str) -> bool:
    """True for a named party's act that a reaction just before it is about ('condemned Russia's invasion
    of Ukraine', 'welcomed China's offer'): the condemnation is the news; the invasion is what it names.

    Why: every article that condemned "Russia's invasion" added an assault on its own date."""
    return any(
        h.end <= hit.start
        and h.cue.event_type in REACTIONS
        and _REACTED_TO.match(sentence[h.end : hit.start])
        for h in hits
        if h is not hit
    )


def agreed_on_conflict(
    hit: CueHit, hits: list[CueHit], sentence: str, parts: list[Mention], offset: int
) -> bool:
    """True for an agreement or pledge whose content is a measure of conflict, with no party named between
    them ('the EU agreed to ban Russian LNG imports', 'G7 ministers agreed to impose a price cap on ...'):
    the measure is the event, aimed at its target; the agreement is no cooperation with the target (the
    caller asks only of a directed agreement: one between the parties named is theirs).

    Why: it came out as the EU agreeing with Russia (+4), the sign of the sanction turned over."""
    if hit.cue.event_type is not EventType.AGREE:
        return False
    for later in hits:
        if later.start < hit.end or new_clause(sentence, hit.end, later.start):
            continue
        if later.cue.event_type.quad_class.is_cooperation:
            continue
        named_between = any(hit.end <= p.start - offset < later.start for p in parts if p.role == "actor")
        return not named_between
    return False


def warned_of(hit: CueHit, hits: list[CueHit], sentence: str, lexicon: Lexicon) -> bool:
    """True for a cue in what a warning says would happen ('warned Beijing that further support for Moscow
    would have consequences') or cautions against ('warned the West against sending weapons to Kyiv'): a
    condition or a threat's content, which the warning's own event codes."""
    if _WARNED_AGAINST.search(sentence[: hit.start]):
        return _earlier_in_clause(hit, hits, sentence, lambda h: h.cue.event_type is EventType.THREATEN)
    warning = WARNED_THAT.search(sentence[: hit.start])
    if not warning:
        return False
    end = sentence.find(";", hit.end)  # a modal anywhere in what it says: "... that they could be cut off"
    if not lexicon.intent.search(sentence[warning.start() : end if end >= 0 else len(sentence)]):
        return False
    return _earlier_in_clause(hit, hits, sentence, lambda h: h.cue.event_type is EventType.THREATEN)


# A denial (a cue marked `denies`) of an act: "denied | supplying weapons", "denies | that it sent ...".
# An accuser's word with no accuser named counts as the act: "denied (media) reports that it had sent ...".
_UNNAMED_CLAIM = (
    r"(?:(?:the\s+)?(?:media\s+|press\s+|recent\s+)?"
    r"(?:reports?|claims?|allegations?|accusations?|suggestions?|rumou?rs?)\s+)?"
)
_DENIED_ACT = re.compile(
    rf"^\s+{_UNNAMED_CLAIM}(?:[a-z]+ing\b|that\b|having\b|of\s+[a-z]+ing\b)", re.IGNORECASE
)
# What stands between such a denial and a cue of the act it denies: "that it had", "having", nothing.
_INSIDE_DENIAL = re.compile(rf"^\s+{_UNNAMED_CLAIM}(?:(?:that|having|of)\b[^,;:]*?)?$", re.IGNORECASE)


def denial_of_an_act(hit: CueHit, hits: list[CueHit], sentence: str) -> bool:
    """True for a denial whose object is an act, and for the cues of the act it denies ('Beijing denied
    supplying weapons to Russia', 'Iran denied that it had sent drones'): the act did not happen as far
    as the sentence says, and the denial answers an accuser the sentence does not name.

    Why: the denial took the act's party for its target (China rejecting Russia, -4); a denial of an
    accuser's claim ('denied US claims that ...') keeps its target, the accuser."""
    if _is_act_denial(hit, sentence):
        return True
    return any(
        h.end <= hit.start
        and _is_act_denial(h, sentence)
        and _INSIDE_DENIAL.match(sentence[h.end : hit.start])
        for h in hits
        if h is not hit
    )


# A claim that a rejection or a denial names, up to the cue of the act it claims: "dismissed | Western reports
# that China was | supplying ...".
_REJECTED_CLAIM = re.compile(
    r"^\s+(?:[\w'’-]+\s+){0,3}?" + CLAIM_WORDS + r"\s+that\b[^,;:]*?$"
    # and a proposal rejected: "rejected an Indian proposal for | signing a free trade agreement"
    r"|^\s+(?:[\w'’-]+\s+){0,3}?(?:proposals?|offers?|requests?|demands?|calls?|bids?)\s+(?:for|to)\s+"
    r"(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)


# The claim itself as the rejection's object: "rejected | accusations | that it was helping Russia".
_CLAIM_NOUN = re.compile(CLAIM_WORDS, re.IGNORECASE)
_OBJECT_GAP = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}?")


def claim_rejected(hit: CueHit, hits: list[CueHit], sentence: str) -> bool:
    """True for a cue inside a claim or a proposal an earlier rejection or denial of its clause names ('The
    Kremlin dismissed Western reports that China was supplying weapons to Russia'): the rejection is the
    event.

    Why: the act claimed came out as a fact, China supplying Russia, in the sentence that denies it; so did
    the claim itself as an accusation ("rejected accusations that it was helping Russia")."""
    claim = _CLAIM_NOUN.fullmatch(hit.text)
    return any(
        (h.cue.event_type is EventType.REJECT or h.cue.denies)
        and h.end <= hit.start
        and (
            _REJECTED_CLAIM.match(sentence[h.end : hit.start])
            or (claim and _OBJECT_GAP.fullmatch(sentence[h.end : hit.start]))
        )
        for h in hits
        if h is not hit
    )


def _is_act_denial(hit: CueHit, sentence: str) -> bool:
    return hit.cue.denies and bool(_DENIED_ACT.match(sentence[hit.end :]))


# A refusal (a cue marked `refuses`) of an act: "refused | to condemn", "declined to | join".
_REFUSED_TO = re.compile(r"^\s+to\s", re.IGNORECASE)  # after "refused"; "declined to" holds its own "to"
_CUE_ENDS_IN_TO = re.compile(r"\bto$", re.IGNORECASE)
# What stands between such a refusal and a cue of the act refused: "to back new EU", no comma or colon.
_INSIDE_REFUSAL = re.compile(r"^\s+(?:to\s+)?[^,;:]*?$", re.IGNORECASE)
# The refused act's own verb, right after the refusal: "refused to | expel".
_REFUSED_VERB = re.compile(r"^\s+(?:to\s+)?$", re.IGNORECASE)
# Acts aimed at a party, whose refusal rejects no one ("refused to expel Russian diplomats"); deploying
# or mobilising is not among them ("refused to deploy peacekeepers in Iraq" rejects Iraq, as PLOVER codes).
_ACTS_AGAINST = {
    EventType.ACCUSE,
    EventType.THREATEN,
    EventType.SANCTION,
    EventType.COERCE,
    EventType.ASSAULT,
}


def refusal_of_an_act(hit: CueHit, hits: list[CueHit], sentence: str) -> bool:
    """True for an act a refusal turns down ('Hungary refused to back new EU sanctions against Russia': no
    sanction), and for a refusal whose own verb is an act against a party ('Serbia refused to expel Russian
    diplomats'): the refused act did not happen, and declining to act against a party is no rejection of
    it. (Refusing to condemn or sanction a party is a cue of support of its own, in the lexicon.)

    Why: the first came out as an EU sanction in force, the second as Serbia rejecting Russia (-4). A
    refusal of cooperation ('refused to sell arms to India') stays a rejection of its party."""
    if _refuses_an_act(hit, sentence):
        verb = next(
            (h for h in hits if h.start >= hit.end and _REFUSED_VERB.match(sentence[hit.end : h.start])), None
        )
        if verb is not None and verb.cue.event_type in _ACTS_AGAINST:
            return True
    return any(
        h.end <= hit.start
        and _refuses_an_act(h, sentence)
        and _INSIDE_REFUSAL.match(sentence[h.end : hit.start])
        and not new_clause(sentence, h.end, hit.start)
        for h in hits
        if h is not hit
    )


def _refuses_an_act(hit: CueHit, sentence: str) -> bool:
    if not hit.cue.refuses:
        return False
    return bool(
        _CUE_ENDS_IN_TO.search(sentence[hit.start : hit.end]) or _REFUSED_TO.match(sentence[hit.end :])
    )


# A protest's purpose after the act that makes it: "summoned the US ambassador | to protest against ...".
_TO_PURPOSE = re.compile(r"\bto\s+$", re.IGNORECASE)
_PURPOSES = {EventType.PROTEST, EventType.ACCUSE}


def purpose_of_a_protest(hit: CueHit, hits: list[CueHit], sentence: str) -> bool:
    """True for a protest or complaint in the infinitive after an accusation of its clause ('Beijing
    summoned the US ambassador to protest against the arms sale to Taiwan'): the summons is the protest.

    Why: the infinitive came out as an act of its own, the United States protesting against Taiwan."""
    if hit.cue.event_type not in _PURPOSES or not _TO_PURPOSE.search(sentence[: hit.start]):
        return False
    return _earlier_in_clause(hit, hits, sentence, lambda h: h.cue.event_type is EventType.ACCUSE)


# The list a listing puts parties on: "placed 42 Chinese entities on its export | blacklist".
_ON_THE_LIST = re.compile(r"\b(?:on|to)\s+(?:its|the|their|a|an)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def list_of_a_listing(hit: CueHit, hits: list[CueHit], sentence: str) -> bool:
    """True for a sanction cue that names the list an earlier sanction of its clause puts parties on
    ('The US placed 42 Chinese entities on its export blacklist for supporting Russia's military').

    Why: the list's name came out as a sanction of its own, the Chinese entities sanctioning Russia."""
    if hit.cue.event_type is not EventType.SANCTION or not _ON_THE_LIST.search(sentence[: hit.start]):
        return False
    return _earlier_in_clause(hit, hits, sentence, lambda h: h.cue.event_type is EventType.SANCTION)


# The occasion of an earlier act: "Putin met Modi during the BRICS | summit in Kazan".
_OCCASION = re.compile(OCCASION_WORDS + r"\s*(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)


def occasion_of(hit: CueHit, hits: list[CueHit], sentence: str) -> bool:
    """True for a summit, visit or talks named as the occasion of an earlier act of its clause ('Putin met
    Modi during the BRICS summit in Kazan'): the meeting is the event, the summit when it happened.

    Why: the summit came out as an act of its own, BRICS consulting Russia (Kazan's state)."""
    if not _OCCASION.search(sentence[: hit.start]):
        return False
    return _earlier_in_clause(hit, hits, sentence, lambda h: True)


# The condition of a threat: "warned Xi of consequences | if China supplied weapons to Russia".
_IF_SUBJECT = re.compile(r"\b(?:if|unless)\s+(?:[\w'’.-]+\s+){0,6}$", re.IGNORECASE)


def condition_of_a_threat(hit: CueHit, hits: list[CueHit], sentence: str) -> bool:
    """True for a cue in the 'if' or 'unless' clause of an earlier threat ('would take action if Beijing
    did not stop Chinese supplies'): a condition, not an act reported.

    Why: the condition came out as China aiding Russia, the very act the threat is meant to deter."""
    if not _IF_SUBJECT.search(sentence[: hit.start]):
        return False
    return any(h.cue.event_type is EventType.THREATEN and h.end <= hit.start for h in hits if h is not hit)


# What a resolution or a draft would do or is about: "vetoed the resolution | to sanction | Syria", "the draft
# resolution on its | invasion of Ukraine".
_RESOLUTION_CONTENT = re.compile(
    r"\b(?:resolutions?|drafts?|motions?|votes?)\s+(?:on|about|over|to|condemning|censuring|imposing|demanding|"
    r"calling\s+for|that\s+would)\s+(?:[\w'’-]+\s+){0,6}$",
    re.IGNORECASE,
)


def content_of_a_resolution(hit: CueHit, hits: list[CueHit], sentence: str) -> bool:
    """True for a cue in what a resolution voted on, vetoed or blocked earlier in its clause would do or is
    about ('vetoed the Western-drafted resolution to sanction Syria'): the vote is the event.

    Why: the draft's content came out as a fact, the West sanctioning Syria, Russia invading Ukraine."""
    if not _RESOLUTION_CONTENT.search(sentence[: hit.start]):
        return False
    return _earlier_in_clause(hit, hits, sentence, lambda h: True)


_THAT_CLAUSE = re.compile(r"\bthat\b", re.IGNORECASE)


def judged_act(hit: CueHit, hits: list[CueHit], sentence: str) -> bool:
    """True for a cue in the subject a later judgement of its clause names ('said the deployment of US
    missiles in Germany | was a mistake'): the judgement is the event, aimed at the act's author.

    Why: the act judged came out as the speaker's own ('Lavrov deployed US missiles')."""
    return hit.cue.event_type is not EventType.ACCUSE and any(
        h.cue.subject_is_target
        and h.cue.event_type is EventType.ACCUSE
        and h.start >= hit.end
        and not new_clause(sentence, hit.end, h.start)
        # "rejected NATO's claim | that it enables Russia's war": the judgement is the claim's content
        and not _THAT_CLAUSE.search(sentence, hit.end, h.start)
        for h in hits
        if h is not hit
    )


def _earlier_in_clause(
    hit: CueHit, hits: list[CueHit], sentence: str, which: Callable[[CueHit], bool]
) -> bool:
    """True when a cue `which` accepts comes before the cue in its clause (a request, a warning, any)."""
    return any(
        which(h) and h.end <= hit.start and not new_clause(sentence, h.end, hit.start)
        for h in hits
        if h is not hit
    )


def not_an_event(hit: CueHit, hits: list[CueHit], sentence: str, lexicon: Lexicon) -> bool:
    """True for a cue that codes no event of its own, whoever its roles would name: asked for, demanded,
    banned, warned of, the reason of an earlier cue, the act a reaction names, a denial of an act and the act
    denied, a refusal of an act of conflict and any act refused, a protest's purpose after the act that
    makes it, the list a listing puts parties on, a threat's condition, the occasion of an earlier act,
    what a resolution voted on would do, the act a later judgement of its clause names, the act a claim
    rejected says was done, talks between two that a third only offers to host, or a response its 'by' names
    the act of."""
    return (
        requested(hit, hits, sentence)
        or demanded(hit, hits, sentence)
        or object_of_a_ban(hit, sentence)
        or warned_of(hit, hits, sentence, lexicon)
        or reason_of(hit, hits, sentence)
        or reacted_to(hit, hits, sentence)
        or denial_of_an_act(hit, hits, sentence)
        or claim_rejected(hit, hits, sentence)
        or refusal_of_an_act(hit, hits, sentence)
        or purpose_of_a_protest(hit, hits, sentence)
        or list_of_a_listing(hit, hits, sentence)
        or condition_of_a_threat(hit, hits, sentence)
        or occasion_of(hit, hits, sentence)
        or content_of_a_resolution(hit, hits, sentence)
        or judged_act(hit, hits, sentence)
        or offered_talks(hit, sentence)
        or answered_by(hit, hits, sentence)
    )
