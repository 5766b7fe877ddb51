"""How sure a cue's event is: commentary, intent, reported or fact; negation; PLOVER's type for each.

Apart from events.py, which finds cues and reads their roles: these read only the words around a cue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bilateral.extract.cues import CueHit
from bilateral.extract.events import ACCUSING, WARNED_THAT
from bilateral.extract.lexicon import Lexicon
from bilateral.extract.parties import ADJUNCT_WORDS
from bilateral.extract.sentences import Sentence
from bilateral.model import EventType, Modality

COOPERATIVE_TO_AGREE = {
    EventType.COOPERATE,
    EventType.AID,
    EventType.RETREAT,
    EventType.CONCEDE,
    EventType.CONSULT,
    EventType.SUPPORT,
}
MATERIAL_TO_THREATEN = {
    EventType.SANCTION,
    EventType.PROTEST,
    EventType.COERCE,
    EventType.ASSAULT,
    EventType.MOBILIZE,
}
# The act an accusation names is alleged: "accused Ukraine of | shelling", "suspected of | supplying",
# "accused the US of prolonging the war by | supplying ...".
_ALLEGED = re.compile(
    r"\b(?:accus\w+|" + ACCUSING + r")\b[^.;]{0,60}?\bof\s+(?:\w+ing\b[^.;]{0,40}?\bby\s+)?$"
    # the reason a sanction gives: "added ... to the Entity List for | supplying Russia's military"
    r"|\b(?:sanction\w*|list(?:s|ed|ing)?|designat\w*|blacklist\w*|penalis\w*|penaliz\w*|fined)\b[^.;]{0,80}?"
    r"\b(?:for|over)\s+$",
    re.IGNORECASE,
)
# The accusations that allege an act ("accused ... of", "charged ... with"): "condemned the killing | of ..."
# condemns what happened, it alleges nothing.
_ALLEGING = re.compile(r"(?:accus|charg|alleg|suspect|blam)", re.IGNORECASE)
# What an accusation alleges: "accused Washington | of meddling", "charged that ..." (reported); not a
# later "of" of its reason ("protested to Tokyo over the detention | of a captain": the protest is a fact).
_ACCUSED_OF_WHAT = re.compile(
    r"\s+(?:(?!(?:over|about|after|for|with|to|at|on|in)\b)[\w'’.-]+\s+){0,4}?(?:of|that)\b", re.IGNORECASE
)


# Aid or cooperation agreed, pledged or promised is still to come: "agreed to | send air defence systems to
# Ukraine".
_AGREED_TO = re.compile(
    r"\b(?:agree[sd]?|pledge[sd]?|promise[sd]?|vow(?:s|ed)?|offer(?:s|ed)?|decided)\s+to\s+(?:[a-z-]+ly\s+)?$",
    re.IGNORECASE,
)
# A relative clause right after the cue is not its modality's: "launched the pipeline | that will carry gas".
_RELATIVE_NEXT = re.compile(r"\s+(?:that|which|who)\b", re.IGNORECASE)
# A clause of its own between a negation or a modal and the cue: "could not remain neutral | while | buying".
_SUBORDINATE = re.compile(r"\b(?:while|whilst|as|after|before|when|because|since|if|unless|though)\b|;")


def modality(
    hit: CueHit, sentence: str, source_start: int, commentary: bool, attributed: bool, lexicon: Lexicon
) -> Modality:
    """Commentary, then intent (a modal or 'the need for' before the cue), then reported, else fact."""
    if commentary:
        return Modality.COMMENTARY
    clause_start = sentence.rfind(";", 0, hit.start) + 1
    window_start = max(clause_start, source_start - 60, 0)
    # "could not remain neutral | while supplying ...": a modal before a clause of its own is not the cue's
    window_start = max(
        [window_start] + [m.end() for m in _SUBORDINATE.finditer(sentence, window_start, hit.start)]
    )
    # what follows the cue, unless a relative clause opens there ("the pipeline | that will carry gas")
    # and not a threat's ("warned it could deploy ...": what it warns of)
    threat = hit.cue.event_type is EventType.THREATEN
    after = "" if threat or _RELATIVE_NEXT.match(sentence, hit.end) else sentence[hit.end : hit.end + 10]
    window = sentence[window_start : hit.end] + after
    warned = bool(WARNED_THAT.search(sentence[clause_start : hit.start]))  # the warning's claim
    if hit.cue.subject_is_target or hit.cue.event_type in (
        EventType.THREATEN,
        EventType.REJECT,
        EventType.REQUEST,
    ):
        # a threat speaks of what would happen: a modal in the cue is the threat made ("said it would
        # respond"), not intent; one before it is ("may threaten"). So is a refusal's ("would not accept",
        # "blocked new EU sanctions": the block is done, the sanctions were the intent), a demand's
        # ("told Xi that China should not ...": the demand is made) and a speaker's judgement of its subject
        # ("said China's plan could form the basis of a settlement": the plan is backed now)
        window = sentence[window_start : hit.start] + " " + after
    agreed_to = hit.cue.event_type.quad_class.is_cooperation and _AGREED_TO.search(
        sentence[window_start : hit.start]
    )  # an act of conflict agreed ("agreed to ban Russian LNG") is the decision itself
    if lexicon.intent.search(window) or agreed_to:
        return Modality.INTENT
    if (
        attributed
        or warned
        or _reports_the_act(hit, sentence, lexicon)
        or _ALLEGED.search(sentence[clause_start : hit.start])
        or (_ALLEGING.match(hit.text) and _ACCUSED_OF_WHAT.match(sentence, hit.end))
    ):
        return Modality.REPORTED
    return Modality.FACT


# Where a cue's own clause ends for its modality: "walked out of the talks | after accusing Peru of ...":
# the accusation's "of" makes the walk-out no report; so does a participle after a comma ("adopted
# sanctions against Russia, | listing firms accused of helping it").
_NEXT_CLAUSE = re.compile(r";|,\s+(?=\w+ing\b)|" + ADJUNCT_WORDS + r"\s+\w+ing\b", re.IGNORECASE)


# A report marker right after a noun describes that noun, not the act: "expelled a Chinese diplomat |
# accused of spying", "listed companies in China | suspected of helping Moscow".
_REDUCED_RELATIVE = re.compile(
    r"\b(?!(?:was|were|is|are|been|being|be|has|have|had|and|or)\b)[a-z]+\s+$",
    re.IGNORECASE,
)


def _reports_the_act(hit: CueHit, sentence: str, lexicon: Lexicon) -> bool:
    """True when a report marker ('allegedly', 'accused of', 'according to') governs the cue's own clause.

    Why not any marker in the clause: 'listed firms accused of helping Russia' lists them in fact."""
    end = _own_clause_end(sentence, hit.end)
    for found in lexicon.reported.finditer(sentence, max(0, hit.start - 10), end):
        if found.start() < hit.end or not _REDUCED_RELATIVE.search(sentence[: found.start()]):
            return True
    return False


def _own_clause_end(sentence: str, start: int) -> int:
    """Where the clause of a cue ending at start ends: a semicolon or a gerund adjunct ('after accusing')."""
    found = _NEXT_CLAUSE.search(sentence, start)
    return found.start() if found else len(sentence)


def negated(hit: CueHit, sentence: str, lexicon: Lexicon, hits: Sequence[CueHit] = ()) -> bool:
    """True when 'not', 'never', 'no longer' ... stands just before the cue ('did not sign') and no other
    cue stands between them ('did not condemn Russia's | invasion': the condemnation is what is denied)."""
    start = max(0, hit.start - 25)
    window = sentence[start : hit.start]
    match = lexicon.negation.search(window)
    if (
        not match
        or re.match(r"\s*only\b", window[match.end() :])
        or _SUBORDINATE.search(window[match.end() :])
    ):
        return False
    return not any(start + match.end() <= h.start < hit.start for h in hits if h is not hit)


def adjust_type(event_type: EventType, mode: Modality, is_negated: bool) -> EventType:
    """PLOVER's reading: intent to cooperate is AGREE, intent to coerce THREATEN, refusal REJECT."""
    if is_negated and event_type.quad_class.is_cooperation:
        return EventType.REJECT
    if mode is Modality.INTENT and event_type in COOPERATIVE_TO_AGREE:
        return EventType.AGREE
    if mode is Modality.INTENT and event_type in MATERIAL_TO_THREATEN:
        return EventType.THREATEN
    return event_type


def commentary_sentences(sentences: list[Sentence], lexicon: Lexicon) -> set[int]:
    """Indexes of sentences read as commentary: their own markers, or a paragraph mostly made of them."""
    marked = {i for i, s in enumerate(sentences) if lexicon.commentary.search(s.text)}
    by_paragraph: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        by_paragraph.setdefault(s.paragraph, []).append(i)
    out = set(marked)
    for members in by_paragraph.values():
        if sum(i in marked for i in members) * 2 > len(members):
            out.update(members)
    return out
