"""Parties named after a cue that are no target of it: a reason, an occasion, a broker, an ally, a topic.

Why apart from events.py: each is one entry of a table read in one pass (a new one is one line and its
test), and roles() only asks whether a party is a target.
"""

from __future__ import annotations

import re

from bilateral.extract.cues import CueHit
from bilateral.extract.parties import ALONGSIDE_WORDS, CLAIM_WORDS, OCCASION, SECOND_VERB
from bilateral.model import EventType

# The reactions: support, criticism or rejection of a party.
REACTIONS = {EventType.ACCUSE, EventType.SUPPORT, EventType.REJECT}
# What follows "over" is a sanction's or a rejection's reason, not its target ("travel bans on officials
# over Crimea", "opposing the use of force over Ukraine"); an accusation or a protest "over" an act aims at
# its author.
_REASONED = {EventType.SANCTION, EventType.REJECT}
_OVER = re.compile(r"\bover\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,3}?$", re.IGNORECASE)

# Help given to a war names its victim after "against", "on" or "of", not whom it helps.
_HELPING = {EventType.SUPPORT, EventType.AID, EventType.COOPERATE}
# Who fights beside the one acting is its ally, not its enemy: "fought alongside | Russian troops".
_FIGHTING = {EventType.ASSAULT, EventType.MOBILIZE, EventType.COERCE}
# Whom cooperation or help is aimed at is no partner: "missile defence cooperation against | North Korea".
_WORKING = {EventType.COOPERATE, EventType.AID}  # (support "against" a measure backs its target)
_AGAINST = re.compile(r"\bagainst\s+(?:the\s+)?$", re.IGNORECASE)
_ALONGSIDE = re.compile(r"\b(?:" + ALONGSIDE_WORDS + r"|beside)\s+(?:the\s+)?$", re.IGNORECASE)
_WAR_AGAINST = re.compile(
    r"\b(?:war|invasion|aggression|offensive|attacks?|campaign|fight)\s+(?:against|on|of|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# What talks a reaction names are about: "supported peace talks on | Ukraine".
_TALKS_ON = re.compile(
    r"\b(?:talks|negotiations|dialogue|consultations|settlement|conference)\s+(?:on|about|over)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Who brokered a deal is no party to it: "in a deal brokered by | China".
_BROKERED_BY = re.compile(r"\b(?:brokered|mediated|facilitated|arranged)\s+by\s+(?:the\s+)?$", re.IGNORECASE)
# Whose reaction an act drew is no target of the act: "The US deployment of missiles in the Philippines drew
# strong protests from | China" (the reaction is its own event, aimed back at the act's author).
_DREW_FROM = re.compile(
    r"\b(?:drew|drawing|draws|prompted|prompting|sparked|sparking|triggered|triggering|provoked|provoking)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:criticism|condemnation|protests?|rebukes?|responses?|reactions?|anger|outrage)\s+"
    r"from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A clause of time that follows the act, its subject and all after it: "flew a joint patrol over the Sea of
# Japan as | Biden visited | Tokyo" (not "such as" or "as well as", which list parties).
# A name with a possessive there is a role, no subject: "attended the parade as | Putin's guest".
_TIME_CLAUSE = re.compile(
    r"(?<!\bsuch )(?<!\bwell )\b(?:as|while|when|whereas)\s+(?:the\s+)?(?:$|(?-i:[A-Z])[\w.-]*+(?!['’]s\b))",
    re.IGNORECASE,
)
_POSSESSIVE_NEXT = re.compile(r"['’]s\b")
# What a rejected or denied claim says: "rejected accusations that it was helping | Russia's war effort"
# (Russia is in the claim, not whom the rejection answers).
_DENIED = {EventType.REJECT}
_CLAIM_THAT = re.compile(r"\b" + CLAIM_WORDS + r"\s+that\b", re.IGNORECASE)

# A party after a cue that is no target of it, by the words between them, for the event types named (None:
# every cue). They run in one pass, so each party's gap is cut once.
_NOT_A_TARGET = (
    (_REASONED, _OVER.search),  # "sanctions on officials over | Crimea": the reason
    (None, SECOND_VERB.match),  # "opposed the curbs and accused | Washington": the second verb's
    (None, OCCASION.search),  # "during | Xi's visit to Moscow": the occasion
    (None, _BROKERED_BY.search),  # "in a deal brokered by | China": the broker, no party to the deal
    (_HELPING, _WAR_AGAINST.search),  # "to support its war against | Ukraine": the war's victim
    (_FIGHTING, _ALONGSIDE.search),  # "fought alongside | Russian troops": an ally
    (_WORKING, _AGAINST.search),  # "cooperation against | North Korea": whom it is aimed at
    (REACTIONS, _TALKS_ON.search),  # "supported peace talks on | Ukraine": the talks' topic
    (None, _DREW_FROM.search),  # "drew protests from | China": who reacts, not whom the act is aimed at
    (_DENIED, _CLAIM_THAT.search),  # "rejected accusations that it was helping | Russia": the claim's
)


def _in_time_clause(gap: str, rest: str) -> bool:
    """True for a party in a clause of time after the act ('a joint patrol ... as | Biden visited Tokyo'),
    not one in a role ('as | Putin's principal guest').

    Why: the clause's subject and object came out as the patrol's partners."""
    found = _TIME_CLAUSE.search(gap)
    return bool(found) and not (found.end() == len(gap) and _POSSESSIVE_NEXT.match(rest))


def no_target(hit: CueHit, gap: str, rest: str) -> bool:
    """True for a party after the cue that the words between them (gap) make no target of it; rest is the
    sentence after the party (a clause of time is told from a role by what follows the name)."""
    tests = (test for types, test in _NOT_A_TARGET if types is None or hit.cue.event_type in types)
    return any(test(gap) for test in tests) or _in_time_clause(gap, rest)
