"""Interactions in one sentence: PLOVER cues and who acts on whom, by explicit rules (modality.py: how sure).

Roles follow the order of English news sentences: the actors before the cue act (joined by "and"),
the first actor after it is acted on; "X and Y agreed" with no one after is mutual. Each interaction
is a Candidate that keeps its cue, so the analyst sees why it was coded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bilateral.extract.actors import Mention
from bilateral.extract.cues import CueHit
from bilateral.extract.groups import (
    CLAUSE_END,
    candidates_before,
    group_codes,
    grouped,
    is_object,
    named_inside,
    parties_from,
)
from bilateral.extract.parties import (
    ALONGSIDE,
    AND_VERB,
    BY_END,
    BY_ONLY,
    IN_ONLY,
    IN_PLACE,
    PARTNER_WORD,
    TITLE_GAP,
    adjunct_subject,
    after_cue,
    joiners,
    topic_of,
    unknown_partner,
)
from bilateral.extract.speech import SPEECH, THAT, speaker_roles, speakers_ground
from bilateral.extract.targets import REACTIONS, no_target
from bilateral.model import ActorKind, EventType, QuadClass
from bilateral.registry import codes_of

_BY_AGENT = re.compile(
    r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?\w+(?:ed|en)\b[^;]*?\bby\s+(?:the\s+)?$"
    # a measure and its participle: "The sanctions | imposed by the | EU on Chinese firms"
    r"|^\s+(?:imposed|announced|adopted|introduced|unveiled|levied|slapped|placed|ordered|issued)\s+by\s+"
    r"(?:the\s+)?$"
)
# A noun cue's agent right after it: "the first visit | by a Chinese | defence minister to Russia" (not a
# participle's: "the resolution backed | by Ukraine and Poland" names who backs it, not each other).
_NOUN_BY = re.compile(r"^\s+by\s+(?:the\s+|a\s+|an\s+)?(?:(?![\w-]+ing\b)[\w-]+\s+){0,2}?$")
_INFINITIVE = re.compile(r"\bto\s+$")
# The clause a warning announces: "warned Beijing that further support ... would have consequences".
# What a warning says would happen: "warned Beijing that ...", also without "that": "warned Chinese banks |
# they could face ...".
WARNED_THAT = re.compile(
    r"\bwarn(?:s|ed|ing)?\b[^.;]{0,80}?\b(?:that|(?:they|it|he|she|we|you)\s+(?:could|would|might|may|will))\b[^.;]*$",
    re.IGNORECASE,
)
# Who a pledge, an offer or support goes to: "pledged further military aid | to | Ukraine" (one "to": in
# "signed a deal to supply gas to Europe" the deal is between the signers).
_DATIVE = re.compile(r"^\s+(?:(?!to\b)[\w$.,%'-]+\s+){0,6}?to\s+(?:the\s+)?$", re.IGNORECASE)
# A reaction "for" a party is aimed at it: "The United States, Japan and Australia expressed support for |
# Manila" (each supports the Philippines; they do not support each other).
_REACTION_FOR = re.compile(r"^\s+for\s+(?:the\s+)?$", re.IGNORECASE)
# A resolution's author named in a cue's span: "the US-drafted | resolution".
_DRAFTED = re.compile(r"-(?:drafted|backed|sponsored|proposed|led|authored)\b", re.IGNORECASE)
# Co-authors joined by hyphens before "draft": "the US-British draft" ("the Iran draft" names its subject).
_CO_DRAFT = re.compile(r"(?<![\w-])(?:[A-Z][\w.'’]*-)+[A-Z][\w.'’]*(?=\s+drafts?\b)")
_DRAFTED_BY = re.compile(
    r"\b(?:drafted|backed|sponsored|proposed|tabled|authored|put forward)\s+by\s+(?:the\s+)?$", re.IGNORECASE
)
# Whom an act a reaction names was done to: "condemned the missile attack on | Kyiv" (Kyiv is not blamed).
_VICTIM = re.compile(
    r"^\s+(?:the|this|that|these|those|its|their|a|an)\s+(?:[\w-]+\s+){0,2}?(?:attacks?|strikes?|shelling|"
    r"bombing|bombardment|invasion|assault|killings?|raids?|occupation|blockade|seizure|detention|arrests?|"
    r"annexation)\s+(?:on|of|against|in|into)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Where a joint act happens, not with whom: "(China and Russia) conducted joint patrols | near | Alaska".
_AT_PLACE = re.compile(
    r"^\s+(?:[\w-]+\s+){0,3}?(?:near|off|around|in|inside|over|along|at|close to|off the coast of)"
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
# "called the move ...": a noun for an act coded before. An act of violence ("condemned the attack") points
# back only at an attacker (group `violence`): after "Putin spoke with Xi", China condemning "the attack on
# the concert hall" was China accusing Putin.
ANAPHORIC_OBJECT = re.compile(
    r"^\W*(?:\w+\s+){0,4}?(?:the|this|that|these|those|its|their)\s+(?:[\w-]+\s+){0,2}?(?:decision|move|order|step|measures?|"
    r"rules|accusations?|allegations?|criticism|charges?|findings|claims|probe|investigation|inquiry|drafts?|"
    r"(?P<measure>curbs|sanctions|duty|duties|tariffs?|ban|restrictions|controls|package|listings?)|"
    r"remarks|action|(?P<violence>attacks?|strikes?|bombings?|shelling|raids?)|expulsions?|suspension|closure|"
    r"(?P<drills>drills|exercises|war games|manoeuvres|maneuvers|patrols?|incursions?|deployments?|bombers|"
    r"warships|warplanes|vessels)|"
    r"seizure|detention|arrests?|launch|tests?|"
    r"invitation|offer|proposals?|requests?|plan|(?P<accord>pact|deal|treaty|agreement|accord|ties|alliance|partnership))\b",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(?:that|which)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# A passive's agent after the verb: "were sanctioned by (the) United States", "placed on the list by".
_BY_NEXT = re.compile(r"\b" + BY_END, re.IGNORECASE)
# "accused of", "suspected of": passive (the active verb takes its object before "of"); the one accused is
# named before it, the accuser only in a "by" phrase ("was accused by Pakistan of ...").
ACCUSING = r"(?:accused|suspected|convicted)"  # "X accused of ..." names the accused; what of, is alleged
_ACCUSED_OF = re.compile(ACCUSING + r"\s+of\b", re.IGNORECASE)
# An envoy's post: "Russia's ambassador to | the UN" (the one sent, not the body or the city, acts).
_ENVOY_TO = re.compile(
    r"\b(?:ambassadors?|envoys?|representatives?|delegates?|emissar(?:y|ies)|consuls?|missions?)\s+"
    r"(?:general\s+)?to\s+(?:the\s+)?$"
    # and an embassy's seat: "The Chinese embassy in | London | urged Britain ..."
    r"|\b(?:embass(?:y|ies)|consulates?(?:\s+general)?|missions?)\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_FOR_PURPOSE = re.compile(r"\bfor\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_CAME_TO = re.compile(
    r"\b(?:arriv\w*|travel\w*|flew|fl(?:y|ies|ying)|came|com(?:e|es|ing)|went|go(?:es|ing)?|head\w*|land\w*|"
    r"return\w*)\s+(?:\w+\s+){0,2}?(?:in|to|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Whom a measure aims at when the sentence does not name them: "tariffs on countries that buy Russian oil",
# "banks dealing with the Russian military".
_UNNAMED_TARGET = re.compile(
    r"\b(?:countries|nations|states|buyers|companies|firms|entities|banks|lenders|institutions|suppliers|traders|"
    r"shippers|anyone|those)\s+(?:that|which|who|dealing\s+with|doing\s+business\s+with|trading\s+with)\b",
    re.IGNORECASE,
)
# An act described as a move of the clause's subject: "(EU states) expelled Russian diplomats, in a move |
# coordinated with Britain".
_IN_A_MOVE = re.compile(
    r",\s+in\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:move|step|action|decision|effort|operation)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
# A request granted: "at the request | of | the United States" (who asked is named after "of").
_AT_THE = re.compile(r"at\s+the\s+", re.IGNORECASE)
_OF_NEXT = re.compile(r"^\s+of\s+(?:the\s+)?$", re.IGNORECASE)
# A participle after a comma has the main clause's subject: "(The EU) adopted sanctions against Russia, |
# listing firms in China".
_AFTER_COMMA = re.compile(r",\s*$")
# A cue that opens an adjunct of the clause: "bought Russian S-400s | despite US objections" (who defies them
# is the clause's subject, not the party named in the object before).
_ADJUNCT_CUE = re.compile(r"(?:despite|in defiance of)\b", re.IGNORECASE)
_GERUND = re.compile(r"[a-z]+ing\b")
# A party added "to" or placed "on" someone's list, and the list after it: "added to the | US | Entity List".
_ADDED_TO_A = re.compile(r"^\s+(?:[\w.$,'-]+\s+){0,10}?(?:to|on)\s+(?:the|its|their)\s+$", re.IGNORECASE)
_LIST_NAME = re.compile(r"^\s*(?:[\w.-]+\s+){0,2}?(?:list|blacklist|black list)\b", re.IGNORECASE)
# The leader of a group that acts: "a Russian delegation led by | Lavrov arrived ...".
_LED_BY = re.compile(
    r"\b(?:delegation|mission|team|party)\s+(?:led|headed)\s+by\s+(?:the\s+)?$", re.IGNORECASE
)
# The subject of the clause a protest or a response answers: "protested after | a US destroyer sailed ...".
_AFTER_SUBJECT = re.compile(
    r"^\s+(?:[\w-]+\s+){0,2}?(?:after|when|as)\s+(?:a\s+|an\s+|the\s+|two\s+|three\s+|several\s+)?$",
    re.IGNORECASE,
)
# A request made of someone it does not name: "urged the countries concerned | to stop ... against | Iraq".
_ASKED_OF_UNNAMED = re.compile(r"^\s+(?:[\w'’-]+\s+){1,4}?to\s+(?-i:[a-z])", re.IGNORECASE)
_GERUND_OBJECT = re.compile(r"\bof\s+\w+ing\s+(?:the\s+)?$", re.IGNORECASE)
# What a threat answers: "(could deploy missiles) in response to | US deployments".
_ANSWERING = re.compile(
    r"\b(?:in\s+response\s+to|in\s+retaliation\s+(?:for|against)|to\s+counter)\s+(?:the\s+|any\s+)?$",
    re.IGNORECASE,
)
# An apposition that restates a treaty and names its other party: "suspended its participation in New START, |
# the last remaining arms control treaty with | the United States".
_TREATY_WITH = re.compile(
    r"^[^,;]*,\s+(?:the|its|their|a|an)\s+(?:[\w-]+\s+){0,6}?(?:treaty|agreement|accord|pact|deal|convention)"
    r"\s+with\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A clause said, right after the cue: "warned | that | Moscow could ...".
_THAT_NEXT = re.compile(r"\s+that\s+(?:the\s+)?$", re.IGNORECASE)


def roles(
    hit: CueHit, parts: list[Mention], sentence: str, offset: int, cue_ends: Sequence[int] = ()
) -> tuple[list[str], list[str], bool] | None:
    """(sources, targets, mutual) for one cue, or None when the sentence gives no acting actor.

    cue_ends: where the sentence's cues end; a party right after an earlier cue is its object, not the
    subject of a second verb joined by "and" ("attacked | Ukrainian cities and threatened Poland": Ukraine
    does not threaten), where an act it is accused of stays its own ("accused Cuba of supplying ...")."""
    before = candidates_before(hit, parts, sentence, offset)

    def gap(m: Mention) -> str:
        """The words between the cue and a mention after it."""
        return sentence[hit.end : m.start - offset]

    after = [
        i
        for i, p in enumerate(parts)
        if p.start - offset >= hit.end and not CLAUSE_END.search(sentence[hit.end : p.start - offset])
    ]
    after = [i for i in after if not no_target(hit, gap(parts[i]), sentence[parts[i].end - offset :])]
    if not after:
        after = parties_from(hit, parts, offset, gap, _TREATY_WITH.match)
    if hit.cue.event_type is EventType.CONSULT:  # "talks on | Iraq, North Korea and Taiwan": topics
        # and what is said to a meeting: "told the summit that | Ukraine ..."
        after = [i for i in after if not topic_of(hit, g := gap(parts[i])) and not THAT.search(g)]
    if after and hit.cue.asks and _ASKED_OF_UNNAMED.match(gap(parts[after[0]])):
        after = []  # the party named is in the act asked for, not whom it is asked of
    if after and _UNNAMED_TARGET.search(gap(parts[after[0]])):
        after = []  # "threatened tariffs on countries that buy | Russian oil": Russia is not the target
    if after and hit.cue.event_type in REACTIONS and _VICTIM.match(gap(parts[after[0]])):
        # "condemned the attack on | Kyiv": who suffered it is not who is blamed; "... by | Russia" is
        after = [i for i in after if _BY_NEXT.search(gap(parts[i]))][:1]
    if not after and hit.cue.event_type in (EventType.ACCUSE, EventType.MOBILIZE):
        # "protested after | a US destroyer sailed ...", "scrambled jets after | Chinese drones flew ...":
        # whoever acted in the clause the protest or the response answers
        after = parties_from(hit, parts, offset, gap, _AFTER_SUBJECT.match)
    if not after and hit.cue.event_type is EventType.THREATEN:
        # "warned that Moscow could deploy missiles in response to | US deployments": whom it answers
        after = parties_from(hit, parts, offset, gap, _ANSWERING.search)[:1]
    if hit.cue.gathering:  # "attended the BRICS summit in Kazan": the body named, not the place after it
        # (a state named in it is a host city's, "the Shanghai summit": no body met)
        bodies = [
            i for i in named_inside(hit, parts, offset) if parts[i].codes[0] not in codes_of(ActorKind.STATE)
        ]
        # those who attend "alongside" the one acting attend with it; they are not whom it attends
        after = bodies or [i for i in after if not ALONGSIDE.match(gap(parts[i]))]
    if hit.cue.inside:  # "summoned the US ambassador over ...": the envoy's state
        after = named_inside(hit, parts, offset) or after
    if not after:  # a cue that spans its object: "ban on | Russian | oil imports"
        after = named_inside(hit, parts, offset)
    if hit.cue.drafters:  # "voted for the US-drafted resolution on Iran": its author, not its subject
        after = _drafters(hit, parts, after, sentence, offset)
    elif hit.cue.event_type is EventType.REJECT and after:
        # "vetoed a Security Council resolution on Syria drafted by the United States": its author, when
        # named after "drafted by", before the Council or the subject named first
        after = _drafters(hit, parts, after, sentence, offset) or after
    prefix = sentence[: hit.start]
    to_place = False
    source = grouped(parts, before[::-1], sentence, offset) if before else []
    if source and hit.cue.received and _AT_THE.match(hit.text):
        # "Canadian authorities arrested a Huawei executive | at the request of | the US": who complied
        source = grouped(parts, before, sentence, offset)
    if source and _ADJUNCT_CUE.match(hit.text):
        source = grouped(parts, before, sentence, offset)
    if source and _AFTER_COMMA.search(prefix) and _GERUND.match(hit.text):
        # "(The EU) adopted sanctions against Russia, | listing firms in China": the main clause's subject
        source = grouped(parts, before, sentence, offset)
    target = grouped(parts, after, sentence, offset) if after else []
    if source and _RELATIVE.search(prefix) and len(prefix.rstrip()) - (source[-1].end - offset) > 12:
        return None  # "interference that threatens ...": the subject is not an actor
    adjacent = source and bool(TITLE_GAP.match(sentence[source[-1].end - offset : hit.start]))
    if source and _GERUND_OBJECT.search(sentence[: source[0].start - offset]):
        # "refiners accused of buying | Iranian oil were sanctioned": the gerund's object is not the
        # subject; the group before that phrase is
        earlier = [i for i in before if parts[i].end <= source[0].start]
        source = grouped(parts, earlier[::-1], sentence, offset) if earlier else []
    # "(The US) imposed sanctions on Iranian banks and | urged | Iraq ...": a second verb, the first's subject
    second_verb = source and AND_VERB.match(sentence[source[-1].end - offset : hit.start])
    # an infinitive before the cue or opening it ("used Iranian drones | to strike |")
    infinitive = _INFINITIVE.search(prefix) or hit.text[:3].lower() == "to "
    if source and is_object(source[0], sentence, offset, hit) and infinitive:
        earlier = [i for i in before if parts[i].end <= source[0].start]
        source = grouped(parts, earlier[::-1], sentence, offset) if earlier else []
        if source and is_object(source[0], sentence, offset, hit):
            source = []
    elif (
        source
        and not hit.cue.subject_is_target  # its subject is read from the speech clause (speaker_roles)
        and (
            is_object(source[0], sentence, offset, hit)
            or (second_verb and after_cue(source[0], sentence, offset, hit, cue_ends))
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
        # "Russia's ambassador to | the UN | accused ...": the envoy's state acts, the body is no place
        envoy = _ENVOY_TO.search(sentence[: place[0].start - offset])
        earlier = (
            [i for i in before if parts[i].end <= place[0].start] if came_for or second_verb or envoy else []
        )
        if second_verb:
            source = grouped(parts, earlier, sentence, offset) if earlier else []
        else:
            source = grouped(parts, earlier[::-1], sentence, offset) if earlier else []
        # "a delegation led by | Lavrov arrived ...": the one who leads it acts, no object of "by"
        if (
            source
            and is_object(source[0], sentence, offset, hit)
            and not _LED_BY.search(sentence[: source[0].start - offset])
        ):
            source = []
        if source and not target and not second_verb and not envoy:
            target, to_place = place, True  # a visit: the visitor acts on the place's state
    if source and second_verb and hit.cue.event_type.quad_class is QuadClass.VERBAL_CONFLICT:
        # "Xi told Biden that | Taiwan remained the most sensitive issue and | urged Washington ...": a
        # demand or a charge joined to a reported clause is the speaker's, not the reported subject's
        said = list(SPEECH.finditer(sentence, 0, source[0].start - offset))
        speakers = [i for i in before if said and parts[i].end - offset <= said[-1].start()]
        if speakers:
            source = grouped(parts, speakers[::-1], sentence, offset)
    if source and _IN_A_MOVE.search(prefix):
        # "expelled Russian diplomats, in a move coordinated with | Britain": the clause's subject moved
        source = grouped(parts, before, sentence, offset)
    if not before:
        source = adjunct_subject(hit, parts, sentence, offset)
    if source and IN_ONLY.match(sentence[source[-1].end - offset : hit.start]):
        source = joiners(before, source, parts, sentence, offset) + source
    if hit.cue.symmetric and target and unknown_partner(source, sentence, offset):
        # "Sullivan and Yang Jiechi held talks in | Rome": the partner is the one the registry does not
        # hold, not the place
        after = [i for i in after if not IN_PLACE.search(g := gap(parts[i])) or PARTNER_WORD.search(g)]
        target = grouped(parts, after, sentence, offset) if after else []
    if _ACCUSED_OF.match(sentence, hit.start):
        return None  # "Chinese refiners accused of buying Iranian oil": no accuser named
    passive = (
        (_PASSIVE.search(prefix) or _reduced_relative(hit, source, sentence, offset))
        and target
        and _BY_NEXT.search(gap(target[0]))
    )
    # "Huawei was added to the US | Entity List": the list's owner lists the one added
    passive = passive or bool(
        _PASSIVE.search(prefix)
        and source
        and target
        and _ADDED_TO_A.match(gap(target[0]))
        and _LIST_NAME.match(sentence[target[-1].end - offset :])
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
    if source and not target and hit.cue.event_type is EventType.MOBILIZE:
        target = speakers_ground(hit, parts, source, sentence, offset)
    if hit.cue.target:  # "adheres to the one-China policy": China, whatever follows
        return _acting_on(source, [hit.cue.target], hit.cue.together) if source else None
    if hit.cue.symmetric and source and target and _WITH.match(gap(target[0])):
        return _acting_on(source, group_codes(target), hit.cue.together)
    if hit.cue.subject_is_target:
        return speaker_roles(hit, parts, source, sentence, offset)
    # "talks were held between X and Y" (not "offered to mediate between": that names the mediator's act)
    between = re.match(r"\s+(?:(?!to\b)\w+\s+){0,2}?between\b", sentence[hit.end :], re.IGNORECASE)
    if hit.cue.mediates and between and source and len(group_codes(target)) >= 2:
        return group_codes(source), group_codes(target), False
    if hit.cue.symmetric and between and len(group_codes(target)) >= 2:
        return group_codes(target), [], True
    acting_pair = source and source[-1].how == "pair"
    given = target and (
        _DATIVE.match(gap(target[0]))
        or (hit.cue.event_type in REACTIONS and _REACTION_FOR.match(gap(target[0])))
    )
    placed = target and _AT_PLACE.match(gap(target[0]))
    together = adjacent or acting_pair or placed
    if source and together and len(group_codes(source)) >= 2 and hit.cue.symmetric and not given:
        return group_codes(source), [], True
    if not source and len(group_codes(target)) >= 2 and hit.cue.symmetric:
        by_agents = _BY_NEXT.search(gap(target[0]))
        if by_agents and hit.cue.event_type in REACTIONS:
            return None  # "the resolution backed by Ukraine and Poland": they back it, not each other
        return group_codes(target), [], True
    if (
        target
        and hit.cue.symmetric
        and hit.cue.event_type not in REACTIONS
        and len(group_codes(target)) >= 2
        and BY_ONLY.match(gap(target[0]))
    ):
        return group_codes(target), [], True  # "the first joint air patrol by | Russia and China": theirs
    if source and target:
        return _acting_on(source, group_codes(target), hit.cue.together and not to_place)
    if len(group_codes(source)) >= 2 and hit.cue.symmetric:
        return group_codes(source), [], True
    return None


def _acting_on(
    source: list[Mention], targets: list[str], together: bool
) -> tuple[list[str], list[str], bool]:
    """The source acting on the targets, or with them when done together ("Xi met Putin", "joined
    Russia's Vostok-2022 exercise": mutual, as the curated records code meetings and exercises)."""
    sources = group_codes(source)
    if together:
        return sources + [t for t in targets if t not in sources], [], True
    return sources, targets, False


def past_own_subject(
    hit: CueHit,
    parts: list[Mention],
    sentence: str,
    offset: int,
    ends: Sequence[int],
    rollup: dict[str, str],
    found: tuple[list[str], list[str], bool] | None,
) -> tuple[list[str], list[str], bool] | None:
    """'Ryabkov warned that | Moscow | could deploy missiles in response to US deployments': the warner's own
    state opening what it says is the clause's subject, not the target; the roles without it (found, the
    roles with it, came out as Russia warning itself, dropped)."""
    if not found or found[2]:
        return None
    own = {rollup.get(c, c) for c in found[0]}
    rest = [
        p
        for p in parts
        if not (
            p.start - offset >= hit.end
            and rollup.get(p.codes[0], p.codes[0]) in own
            and _THAT_NEXT.match(sentence[hit.end : p.start - offset])
        )
    ]
    return roles(hit, rest, sentence, offset, ends) if len(rest) < len(parts) else None


def _drafters(hit: CueHit, parts: list[Mention], after: list[int], sentence: str, offset: int) -> list[int]:
    """The parts naming a resolution's author: 'the US-drafted resolution' or 'the US-British draft' in the
    cue's span, or the group after 'backed by', 'drafted by' ...; none when only its subject is named ('the
    Iran sanctions resolution': Iran is not whom a vote for or against it answers)."""
    inside = [
        i
        for i, p in enumerate(parts)
        if hit.start <= p.start - offset < hit.end and _DRAFTED.match(sentence, p.end - offset)
    ]
    if inside:
        return inside
    for chain in _CO_DRAFT.finditer(sentence, hit.start, hit.end):
        authors = [i for i, p in enumerate(parts) if chain.start() <= p.start - offset < chain.end()]
        if authors:
            return authors
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
    if source and target and hit.cue.received and target[0].end - offset <= hit.end:
        return True  # "took delivery of a | Chinese | missile system": the state named in the cue gave it
    gap = sentence[hit.end : target[0].start - offset] if source and target else ""
    if not (source and target and (_FROM.match(gap) or (hit.cue.received and _OF_NEXT.match(gap)))):
        return False
    return hit.cue.received or bool(_RECEIVED_NOUN.search(sentence[source[-1].end - offset : hit.start]))


def _by_agent(
    hit: CueHit, parts: list[Mention], after: list[int], sentence: str, offset: int
) -> list[Mention]:
    """'Duties were imposed on X by Y': the group after a passive verb's 'by' acts."""
    noun = not hit.text.lower().endswith(("ed", "en"))
    for i in after:
        gap = sentence[hit.end : parts[i].start - offset]
        if _BY_AGENT.search(gap) or (noun and _NOUN_BY.match(gap)):
            return grouped(parts, [j for j in after if j >= i], sentence, offset)
    return []


def sources_only(hit: CueHit, parts: list[Mention], sentence: str, offset: int) -> list[str]:
    """The acting group before a cue whose target the sentence does not name ('X called the move ...')."""
    before = candidates_before(hit, parts, sentence, offset)
    group = grouped(parts, before[::-1], sentence, offset) if before else []
    if not group or is_object(group[0], sentence, offset, hit):
        return []
    return group_codes(group)
