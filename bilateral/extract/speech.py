"""Roles read from what is said: the speaker of a clause, its subject, and the speaker's own ground.

Why apart from events.py: 'Russia said Sudan must ...' and 'Taiwan said Chinese aircraft entered its zone'
take their parties from the speech around the cue, not from the words before and after it; roles() asks.
"""

from __future__ import annotations

import re

from bilateral.extract.actors import Mention
from bilateral.extract.cues import CueHit
from bilateral.extract.groups import group_codes, grouped

# A clause said or told: "told the summit | that ...", "told Wang Yi | that ...".
THAT = re.compile(r"\bthat\b", re.IGNORECASE)
# The verbs that open what a party says: "Russia said | Sudan must ...", "told Wang Yi that | ...".
SPEECH = re.compile(
    r"\b(?:said|says|announced|insisted|stated|declared|told|added|warned)\b(?:\s+that)?", re.IGNORECASE
)
# The ground of the one who reports an incursion: "(Taiwan said ... aircraft entered) | its air defence zone".
_ITS_GROUND = re.compile(
    r"\s+(?:(?:into|near|over|towards?|around|close\s+to)\s+)?(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:airspace|air\s+defen[cs]e\s+(?:identification\s+)?zone|waters|territory|coast|coastline|border|"
    r"exclusive\s+economic\s+zone|islands?)\b",
    re.IGNORECASE,
)


def speakers_ground(
    hit: CueHit, parts: list[Mention], source: list[Mention], sentence: str, offset: int
) -> list[Mention]:
    """'Taiwan said 21 Chinese aircraft entered | its air defence zone': the speaker's own ground, whose
    state is the target of the incursion (it came out with no target)."""
    if not _ITS_GROUND.match(sentence, hit.end):
        return []
    first = source[0].start - offset
    speakers = [
        i
        for i, p in enumerate(parts)
        if p.end - offset <= first and SPEECH.search(sentence[p.end - offset : first])
    ]
    return grouped(parts, speakers[::-1], sentence, offset) if speakers else []


def speaker_roles(hit, parts, subject, sentence, offset):
    """'Russia said Sudan must return ...': the speaker acts on the subject of 'must'."""
    if not subject:
        return None
    # "said | NATO's expansion toward Russia's borders | was a provocation": the clause's first party, not
    # the one nearest the cue
    said = list(SPEECH.finditer(sentence, 0, subject[0].start - offset))
    if said:
        start = said[-1].end()  # after "that" when the speech names its hearer first ("told Wang Yi that")
        that = THAT.search(sentence, start, hit.start)
        start = that.end() if that else start
        clause = [i for i, p in enumerate(parts) if start <= p.start - offset < hit.start]
        subject = grouped(parts, clause, sentence, offset) if clause else subject
    first = subject[0].start - offset
    speakers = [
        i
        for i, p in enumerate(parts)
        if p.end - offset <= first and SPEECH.search(sentence[p.end - offset : first])
    ]
    if not speakers:
        return None
    return group_codes(grouped(parts, speakers[::-1], sentence, offset)), group_codes(subject), False
