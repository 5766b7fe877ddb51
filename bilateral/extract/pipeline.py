"""extract(text, ...) -> Extraction: the whole first pass, from raw page text to coded candidates.

Stages run in order (text -> sentences -> actors -> events -> themes) and each can be tested alone;
the indexes and lexicon are built once and cached, so one article takes milliseconds.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from itertools import combinations, product

from bilateral.extract import actors as act
from bilateral.extract import anaphora, cues, groups, modality, non_events, roles
from bilateral.extract import events as ev
from bilateral.extract.dates import article_date, event_date
from bilateral.extract.gazetteer import load_world_actors
from bilateral.extract.lexicon import Lexicon, load_lexicon
from bilateral.extract.page import read_page
from bilateral.extract.sentences import Sentence, split_sentences
from bilateral.extract.themes import article_themes, inherit_themes, interaction_themes
from bilateral.model import Actor, Candidate, Direction, EventType, Modality, QuadClass, Theme
from bilateral.registry import load_actors


@dataclass(frozen=True)
class ActorHit:
    """One actor of the article with every place it is named."""

    code: str
    name: str
    kind: str
    mentions: tuple[act.Mention, ...]


@dataclass
class Extraction:
    """The extractor's proposal for one article, ready for review or for JSON."""

    title: str | None
    date: str | None
    source: str | None
    url: str | None
    text: str
    actors: list[ActorHit] = field(default_factory=list)
    interactions: list[Candidate] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    mentions: list[act.Mention] = field(default_factory=list)
    lexicon_versions: dict = field(default_factory=dict)
    date_source: str | None = None
    dateline: str | None = None
    dropped: list[str] = field(default_factory=list)

    @property
    def notes(self) -> list[str]:
        """The explicit rules that fired (pairs resolved, persons not states, attributions), in text order."""
        return [m.note for m in self.mentions if m.note]

    def to_dict(self) -> dict:
        """The JSON object of `python -m bilateral extract --json`."""
        return {
            "article": {
                "title": self.title,
                "date": self.date,
                "source": self.source,
                "url": self.url,
                "text": self.text,
                "date_source": self.date_source,
                "dateline": self.dateline,
            },
            "furniture_dropped": self.dropped,
            "actors": [
                {
                    "code": a.code,
                    "name": a.name,
                    "kind": a.kind,
                    "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in a.mentions],
                }
                for a in self.actors
            ],
            "interactions": [c.to_dict() for c in self.interactions],
            "themes": [t.value for t in self.themes],
            "notes": self.notes,
        }


@functools.lru_cache(maxsize=1)
def default_index() -> act.ActorIndex:
    """Registry plus world gazetteer, built once per process (~0.1 s)."""
    world, people = load_world_actors()
    return act.build_index(load_actors(), world, people)


def prepare_index(actors: dict[str, Actor] | None = None) -> act.ActorIndex:
    """The index for a given registry (with the world gazetteer), or the cached default one."""
    if actors is None:
        return default_index()
    world, people = load_world_actors()
    return act.build_index(actors, world, people)


def mask_names(text: str, lexicon: Lexicon) -> str:
    """The sentence with seas, straits, 'the city of X' and first names like 'Jordan Hale' blanked out.

    Blanking keeps every offset, so the actor scan simply does not see a state in 'the Sea of Japan'.
    """
    for pattern in (lexicon.place_names, lexicon.given_names):
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def sentence_mentions(
    s: Sentence,
    date: str | None,
    index: act.ActorIndex,
    lexicon: Lexicon,
    hits: list[cues.CueHit] | None = None,
) -> list[act.Mention]:
    """The actor mentions of one sentence after the explicit rules (persons, titles, offices, places ...).

    Modifiers and peoples are read before leader titles so that "Russian President" is never a modifier;
    places need the sentence's cues, because a cue's own preposition ("intervened in Syria") governs it,
    and come after officials, because a place is judged by the other actors taking part.
    """
    hits = cues.find_cues(s.text, lexicon) if hits is None else hits
    found = act.scan(mask_names(s.text, lexicon), s.start, index)
    found = [replace(m, text=s.text[m.start - s.start : m.end - s.start]) for m in found]
    found = act.named_by_pattern(found, s.text, s.start, index, lexicon)
    found = roles.national_councils(found, s.text, s.start, index)
    found = act.names_in_office(found, s.text, s.start, date, index, lexicon)
    found = act.mark_private_persons(
        found,
        s.text,
        s.start,
        index,
        lexicon,
        [h.end for h in hits if h.cue.nationals],
        [h.start for h in hits],
    )
    ends = [h.end for h in hits]
    mobilising = [h.end for h in hits if h.cue.event_type is EventType.MOBILIZE]
    found = roles.mark_modifiers(found, s.text, s.start, ends, index, lexicon, mobilising)
    found = roles.mark_groups(found, s.text, s.start, lexicon)
    found = act.merge_leader_titles(found, s.text, s.start, index, lexicon)
    found = act.resolve_offices(found, s.text, s.start, date, index, lexicon)
    found = roles.mark_officials(found, s.text, s.start, index)
    found = roles.mark_locations(found, s.text, s.start, ends, index, lexicon)
    return act.mark_attribution(found, s.text, s.start, lexicon)


def sentence_candidates(
    s: Sentence,
    parts: list[act.Mention],
    commentary: bool,
    index: act.ActorIndex,
    lexicon: Lexicon,
    hits: list[cues.CueHit] | None = None,
    previous: Antecedents | None = None,
) -> list[Candidate]:
    """Candidates of one sentence: the first cue that gives a dyad its roles wins, except that the other
    direction is its own event ('X raised tariffs on Y after Y raised duties on X'); previous names who
    acted (and who attacked) before, the target of 'called the move ...' ('condemned the attack')."""
    out, seen, shared, cue_ends = [], set(), set(), {}
    attributed = act.attribution_start(s.text, lexicon) is not None
    hits = cues.find_cues(s.text, lexicon) if hits is None else hits
    ends = [h.end for h in hits]
    for hit in hits:
        if non_events.not_an_event(hit, hits, s.text, lexicon):
            continue  # 'urged X to stop ...', 'thanked X for their support', 'condemned X's invasion'
        found = ev.roles(hit, parts, s.text, s.start, ends)
        if not found or not _other_actor(found, index):
            found = (
                _anaphoric(hit, parts, s, previous, index)
                or _answered(hit, hits, parts, s, previous, index)
                or ev.past_own_subject(hit, parts, s.text, s.start, ends, index.rollup, found)
                or found
            )
        if not found:
            continue
        is_negated = modality.negated(hit, s.text, lexicon, hits)
        if is_negated and found[2] and hit.cue.together:
            # 'Russia did not sign the agreement with Ukraine': a refusal is one party's, not done together
            found = (
                ev.roles(replace(hit, cue=replace(hit.cue, together=False)), parts, s.text, s.start, ends)
                or found
            )
        sources, targets, mutual = found
        if not mutual and non_events.agreed_on_conflict(hit, hits, s.text, parts, s.start):
            continue  # 'the EU agreed to ban Russian imports': the ban is the event, no accord with Russia
        pairs = combinations(sources, 2) if mutual else product(sources, targets)
        source_start = min((p.start - s.start for p in parts if p.codes[0] in sources), default=hit.start)
        mode = modality.modality(hit, s.text, source_start, commentary, attributed, lexicon)
        used_pair = any(p.how == "pair" and set(p.codes) & set(sources + targets) for p in parts)
        for a1, a2 in pairs:
            key = frozenset((index.rollup.get(a1, a1), index.rollup.get(a2, a2)))
            ordered = (index.rollup.get(a1, a1), index.rollup.get(a2, a2))
            if len(key) < 2 or (
                key in seen
                and (
                    mutual
                    or ordered in seen
                    or key in shared
                    or not groups.new_clause(s.text, cue_ends[key], hit.start)
                )
            ):
                continue
            seen.update((key, ordered))
            cue_ends[key] = hit.end
            if mutual:
                shared.add(key)
            out.append(_candidate(s, hit, a1, a2, mutual, mode, is_negated, used_pair, lexicon))
    return out


def _other_actor(found: tuple, index: act.ActorIndex) -> bool:
    """True when the roles name at least two distinct actors after roll-up."""
    sources, targets, _ = found
    return len({index.rollup.get(c, c) for c in sources + targets}) >= 2


def _acting_pair(found: list[Candidate]) -> tuple[str, str] | None:
    """The two actors 'the two sides' or 'both leaders' in the next sentence point back at: a mutual
    event's two sides, or two actors acting on the same target; else the last event's two actors.

    Why: after 'Xi and Putin condemned US attempts ...' (CHN_XI -> USA, RUS_PUTIN -> USA) 'the two sides'
    were read as Putin and the United States, the last event's pair."""
    if not found:
        return None
    mutual = [c for c in found if c.direction is Direction.MUTUAL]
    if mutual:
        return mutual[-1].actor1, mutual[-1].actor2
    last = found[-1]
    together = list(dict.fromkeys(c.actor1 for c in found if c.actor2 == last.actor2))
    if len(together) >= 2:
        return together[-2], together[-1]
    return last.actor1, last.actor2


def _subject(parts: list[act.Mention], found: list[Candidate], hits: list[cues.CueHit]) -> str | None:
    """Who acted in a sentence, for a later 'the move': its first actor named before its first cue
    (the main clause's subject, even when its event had no target), else its first event's source."""
    if hits:
        first = [m for m in parts if m.how != "pair" and m.start - hits[0].start < 0]
        if first and not found:
            return first[0].codes[0]
    return found[0].actor1 if found else None


@dataclass(frozen=True)
class Antecedents:
    """Who the article's sentences so far point back at: the last actor who acted, the last attacker, the
    parties to the last agreement, the last to impose a sanction, the last to mobilise, and every act of
    material conflict so far (whom a retaliation answers).

    Why so many: 'the move' is whatever was done last, but 'the attack' only an attack (after 'Putin spoke
    with Xi', China condemning 'the attack on the concert hall' was read as China accusing Putin), 'the pact'
    the agreement both its parties made ('Washington condemned the pact' coded nothing), 'the sanctions' or
    'the package' whoever imposed them last, not whoever spoke last ('Taipei condemned the drills': who held
    them), and 'Moscow said it would retaliate' every party that acted against Moscow."""

    actor: str | None = None
    attacker: str | None = None
    accord: tuple[str, ...] = ()
    sanctioner: str | None = None
    mobilizer: str | None = None
    # (who, on whom) of every act of material conflict so far: whom a retaliation answers
    conflicts: tuple[tuple[str, str], ...] = ()

    def after(self, parts: list[act.Mention], found: list[Candidate], hits: list[cues.CueHit]) -> Antecedents:
        """The antecedents once a sentence's candidates are coded."""

        def acted(kind: EventType) -> list[Candidate]:
            return [c for c in found if c.event_type is kind]

        attacks = acted(EventType.ASSAULT)
        sanctions = acted(EventType.SANCTION)
        moves = acted(EventType.MOBILIZE)
        accords = [c for c in acted(EventType.AGREE) if c.direction is Direction.MUTUAL]
        return Antecedents(
            _subject(parts, found, hits) or self.actor,
            attacks[-1].actor1 if attacks else self.attacker,
            (accords[0].actor1, accords[0].actor2) if accords else self.accord,
            sanctions[0].actor1 if sanctions else self.sanctioner,
            moves[0].actor1 if moves else self.mobilizer,
            self.conflicts
            + tuple(
                (c.actor1, c.actor2)
                for c in found
                if c.quad_class is QuadClass.MATERIAL_CONFLICT
                and c.direction is Direction.DIRECTED
                and c.modality is Modality.FACT
            ),
        )


# A noun that opens its sentence as the subject of a verb in the past or present: a measure ("The package |
# also listed companies in China ..."), or the text of an agreement ("The joint statement | opposed ...").
_SUBJECT_OF = r"^\s*(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,2}?"
_ACTS_NEXT = r"(?=\s+(?:also\s+)?(?!(?:was|is|has|does|were)\b)(?-i:[a-z]+(?:ed|es|s))\b)"
_MEASURE_SUBJECT = re.compile(
    _SUBJECT_OF + r"(?:package|sanctions|measures|listings|restrictions|curbs|controls|rules)" + _ACTS_NEXT,
    re.IGNORECASE,
)
_ACCORD_SUBJECT = re.compile(
    _SUBJECT_OF + r"(?:statement|declaration|communiqu[eé]|treaty|pact|agreement)" + _ACTS_NEXT, re.IGNORECASE
)


def subject_pointing_back(
    s: Sentence, own: list[act.Mention], previous: Antecedents, index
) -> list[act.Mention]:
    """'The package also listed companies in China': a measure that acts stands for whoever imposed the
    last sanction, and 'The joint statement opposed ...' for both parties to the last agreement, each read
    as a mention with a note.

    Why: a sentence whose subject is the measure or the text ('The package ...', 'The joint statement
    criticised ...') coded nothing: its listings had no one listing, its criticism no critic."""
    measure, text_of = _MEASURE_SUBJECT.match(s.text), _ACCORD_SUBJECT.match(s.text)
    found = measure or text_of
    who = (previous.sanctioner,) if measure and previous.sanctioner else previous.accord if text_of else ()
    if not found or not who or any(m.start < s.start + found.end() for m in own):
        return own
    text = found.group().strip()
    names = " and ".join(index.actors[c].name if c in index.actors else c for c in who)
    why = "which imposed the last sanction" if measure else "the parties to the last agreement"
    note = f"'{text}' points back at {names}, {why}"
    end = s.start + found.end()
    how = "pair" if len(who) > 1 else "anaphor"
    return [act.Mention(tuple(who), text, end - len(text), end, how, note=note), *own]


# The cue's own object right after it ("to monitor | the exercises"), not a later clause's ("meeting | and
# called the deployment ...").
_DETERMINER_NEXT = re.compile(r"^\s+(?:the|this|that|these|those|its|their)\s", re.IGNORECASE)
_CLAUSE_JOIN = re.compile(r"\b(?:and|but|or|while)\b|[,;]", re.IGNORECASE)


def _anaphoric(hit, parts, s, previous: Antecedents | None, index):
    """'Washington called the decision regrettable': the target is whoever acted in the last event coded;
    'Egypt condemned the attack': whoever attacked last."""
    # the object inside the cue ("called the package") or after a long one ("dispatched ... forces to
    # monitor | the exercises")
    after = s.text[hit.end :]
    named = ev.ANAPHORIC_OBJECT.match(s.text[hit.start :])
    if named and _CLAUSE_JOIN.search(s.text[hit.end : hit.start + named.end()]):
        named = None  # "convened a meeting | and called the deployment ...": the object of another verb
    named = named or (_DETERMINER_NEXT.match(after) and ev.ANAPHORIC_OBJECT.match(after))
    if not previous or not named:
        return None
    if named.group("accord"):
        antecedents = list(previous.accord)
    elif named.group("measure") and previous.sanctioner:
        antecedents = [previous.sanctioner]
    elif named.group("drills"):
        # whoever mobilised last; a deployment, else whoever acted last ("sent troops to Russia ... called the
        # deployment a grave threat"), not drills someone else is only said to take part in
        deployed = named.group("drills").lower().startswith("deployment")
        antecedents = [previous.mobilizer or (previous.actor if deployed else None)]
    else:
        antecedents = [previous.attacker if named.group("violence") else previous.actor]
    sources = ev.sources_only(hit, parts, s.text, s.start)
    rolled = {index.rollup.get(c, c) for c in sources}
    targets = [a for a in antecedents if a and index.rollup.get(a, a) not in rolled]
    if not sources or not targets or len(targets) < len(antecedents):
        return None
    return sources, targets, False


def _answered(hit, hits, parts, s, previous: Antecedents | None, index):
    """'(The US expelled 60 Russian diplomats.) Moscow said it would retaliate': a threat of retaliation that
    names no target answers whoever acted against its source before, else whoever acted last.

    Why: the Kremlin's warnings after an expulsion or an accession coded nothing. A warning 'that it would
    take countermeasures' is such a threat: the retaliation it announces is no event of its own."""
    answers = hit.cue.answers or (
        hit.cue.event_type is EventType.THREATEN and any(h.cue.answers and h.start >= hit.end for h in hits)
    )
    if not previous or not answers:
        return None
    sources = ev.sources_only(hit, parts, s.text, s.start)
    rolled = {index.rollup.get(c, c) for c in sources}
    targets = list(
        dict.fromkeys(
            who
            for who, whom in previous.conflicts
            if index.rollup.get(whom, whom) in rolled and index.rollup.get(who, who) not in rolled
        )
    )
    if not targets and previous.actor and index.rollup.get(previous.actor, previous.actor) not in rolled:
        targets = [previous.actor]
    return (sources, targets, False) if sources and targets else None


def _candidate(s, hit, a1, a2, mutual, mode, is_negated, used_pair, lexicon) -> Candidate:
    event_type = modality.adjust_type(hit.cue.event_type, mode, is_negated)
    score = 0.0 if is_negated and not event_type.quad_class.is_cooperation else event_type.default_score
    confidence = (
        0.6
        + (0.2 if not mutual else 0.1)
        - (0.15 if used_pair else 0)
        - (0.3 if mode is Modality.COMMENTARY else 0)
    )
    return Candidate(
        actor1=a1,
        actor2=a2,
        direction=Direction.MUTUAL if mutual else Direction.DIRECTED,
        event_type=event_type,
        quad_class=event_type.quad_class,
        score=score,
        themes=interaction_themes(s.text, event_type, lexicon),
        modality=mode,
        negated=is_negated,
        evidence=s.text,
        start=s.start,
        end=s.end,
        confidence=round(max(0.05, min(confidence, 0.95)), 2),
        cue=hit.text,
    )


def extract(
    text: str,
    *,
    date: str | None = None,
    source: str | None = None,
    url: str | None = None,
    actors: dict[str, Actor] | None = None,
    index: act.ActorIndex | None = None,
    lexicon: Lexicon | None = None,
) -> Extraction:
    """Code one article: raw text or HTML in, actors, candidate interactions and themes out."""
    lexicon = lexicon or load_lexicon()
    index = index or prepare_index(actors)
    page = read_page(text, lexicon)
    dated = article_date(date, page.date, page.dateline, page.header)
    date = dated.date if dated else None
    sentences = split_sentences(page.text)
    commentary = modality.commentary_sentences(sentences, lexicon)
    result = Extraction(
        title=page.title,
        date=date,
        source=source or page.agency or page.source,  # the wire before the site
        url=url or page.url,
        text=page.text,
        lexicon_versions=lexicon.versions,
        date_source=dated.source if dated else None,
        dateline=page.dateline,
        dropped=page.dropped,
    )
    last_pair: tuple[str, str] | None = None
    previous = Antecedents()
    for i, s in enumerate(sentences):
        hits = cues.find_cues(s.text, lexicon)
        own = subject_pointing_back(s, sentence_mentions(s, date, index, lexicon, hits), previous, index)
        hits = [h for h in hits if not _inside_a_name(h, s, own)]  # "Shanghai Cooperation Organisation"
        pairs = [
            p
            for p in act.pair_mentions(s.text, s.start, own, last_pair, index, lexicon)
            if not _overlaps(p, own)
        ] + anaphora.bloc_mentions(s.text, s.start, own, result.mentions, index, lexicon)
        parts = sorted([m for m in own if m.role == "actor"] + pairs, key=lambda m: m.start)
        found = sentence_candidates(s, parts, i in commentary, index, lexicon, hits, previous)
        when = event_date(s.text, date)
        if when:
            found = [c.model_copy(update={"date": when.date, "date_source": when.source}) for c in found]
        result.interactions.extend(found)
        result.mentions.extend(sorted(own + pairs, key=lambda m: m.start))
        last_pair = _acting_pair(found) or last_pair
        previous = previous.after(parts, found, hits)
    result.actors = _actor_hits(result.mentions, index)
    result.interactions = inherit_themes(result.interactions, lexicon)
    result.themes = article_themes([s.text for s in sentences], result.interactions, lexicon)
    return result


def _inside_a_name(hit: cues.CueHit, s: Sentence, mentions: list[act.Mention]) -> bool:
    """True for a cue inside an actor's name: 'Cooperation' in 'the Shanghai Cooperation Organisation'."""
    return any(m.start - s.start <= hit.start and hit.end <= m.end - s.start for m in mentions)


def _overlaps(pair: act.Mention, mentions: list[act.Mention]) -> bool:
    return any(m.start < pair.end and pair.start < m.end for m in mentions)


def _actor_hits(mentions: list[act.Mention], index: act.ActorIndex) -> list[ActorHit]:
    """Actors that take part (not persons described, not report sources), in order of first mention."""
    grouped: dict[str, list[act.Mention]] = {}
    for m in mentions:
        if m.role == "actor" and m.how != "pair":
            grouped.setdefault(m.codes[0], []).append(m)
    return [
        ActorHit(code, index.actors[code].name, index.actors[code].kind.value, tuple(ms))
        for code, ms in grouped.items()
    ]
