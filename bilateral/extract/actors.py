"""Actor mentions: registry and gazetteer names found in a sentence, then cleaned by explicit rules.

Rules, each shown to the analyst when it fires: a demonym before a private person ("American
journalist") is not the state; a demonym before a leader's title and name belongs to the leader;
"the Russian president" is whoever held that office on the article's date; actors only named in an
attribution ("..., Xinhua said") do not take part; "the two nations", "both leaders" and "their" stand
for the last pair of actors coded.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bilateral.extract.lexicon import Lexicon
from bilateral.model import Actor, ActorKind

TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+|'s|’s|[^\w\s]")
STATE_LIKE = (ActorKind.STATE, ActorKind.BLOC)
# The words between a cue and the national it acts on: "detained | an | American journalist", "visa-free
# entry for | Chinese tourists".
_NATIONAL_AFTER = re.compile(
    r"\s+(?:(?:to|for|of)\s+)?(?:(?:a|an|the|two|three|four|five|several|\d+|former|prominent|dual)\s+)?"
)


@dataclass(frozen=True)
class Mention:
    """One actor named in the text: codes (two for a pair phrase), offsets in the article, how it was read."""

    codes: tuple[str, ...]
    text: str
    start: int
    end: int
    how: str = "name"
    role: str = "actor"
    note: str = ""


@dataclass(frozen=True)
class ActorIndex:
    """Aliases by first token, for a fast longest-match scan; built once per actor set."""

    actors: dict[str, Actor]
    by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str, str]]]
    rollup: dict[str, str]
    demonyms: frozenset[str]
    leaders: tuple[Actor, ...] = ()  # the registry's leaders with terms: short names are read by date


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) for words, dotted acronyms, possessive 's and punctuation."""
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def _other_spelling(alias: str) -> str | None:
    """'Organization' <-> 'Organisation': the alias in the other spelling, if it has such a word."""
    if "ization" in alias:
        return alias.replace("ization", "isation")
    if "isation" in alias:
        return alias.replace("isation", "ization")
    return None


def _alias_forms(actor: Actor) -> list[tuple[str, str]]:
    """(alias, how) for every way the actor is named, with plural demonyms ("Russians")."""
    forms = [(a, "name") for a in actor.aliases] + [(c, "capital") for c in actor.capitals]
    # British and American spellings name the same body ("Collective Security Treaty Organisation")
    forms += [(v, "name") for a in actor.aliases if (v := _other_spelling(a)) and v not in actor.aliases]
    for demonym in actor.demonyms:
        forms.append((demonym, "demonym"))
        if demonym.endswith(("an", "i")):
            forms.append((demonym + "s", "demonym"))
    if actor.kind is ActorKind.STATE and actor.code not in {"USA"}:
        forms += [
            (a + "s", "demonym")
            for a in actor.aliases
            if " " not in a and a.endswith(("ian", "an", "i")) and a != actor.name
        ]
    return forms


def build_index(
    registry: dict[str, Actor], world: dict[str, Actor] | None = None, people: dict | None = None
) -> ActorIndex:
    """The alias index: gazetteer first, registry last so that its codes win on the same alias; a gazetteer
    actor named as a registry actor is named ("The United Nations": UN) takes the registry's code.

    Why: "the Security Council" matched the gazetteer's longer alias and was coded IGOUNO, which no
    filter, chart or registry entry knows; the analyst's UN had none of its events."""
    actors = {**(world or {}), **registry}
    entries: dict[tuple[str, ...], tuple] = {}
    demonyms = set()
    same_as = registry_codes(world or {}, registry)
    for source in (world or {}, registry):
        for actor in source.values():
            forms = _alias_forms(actor) + [
                (p, "person") for p in (people or {}).get(actor.code, ()) if source is world
            ]
            code = same_as.get(actor.code, actor.code) if source is world else actor.code
            for alias, how in forms:
                toks = tuple(t for t, _, _ in tokens(alias))
                if toks and (how != "person" or toks[0].lower() not in {"the", "a"}):
                    lowered = tuple(t.lower() for t in toks)
                    entries[lowered] = (toks, lowered, code, how)
                    if how == "demonym":
                        demonyms.add(alias)
    by_first: dict[str, list] = defaultdict(list)
    for key, value in entries.items():
        by_first[key[0]].append(value)
    for bucket in by_first.values():
        bucket.sort(key=lambda v: -len(v[0]))
    rollup = {
        c: (a.parent if a.parent and a.parent in actors and a.kind is not ActorKind.BLOC else c)
        for c, a in actors.items()
    }
    leaders = tuple(a for a in registry.values() if a.kind is ActorKind.LEADER and a.terms)
    return ActorIndex(
        actors=actors, by_first=dict(by_first), rollup=rollup, demonyms=frozenset(demonyms), leaders=leaders
    )


def registry_codes(world: dict[str, Actor], registry: dict[str, Actor]) -> dict[str, str]:
    """Gazetteer code -> registry code, for gazetteer actors whose name (without a leading "The") is a
    registry actor's name or alias: IGOUNO ("The United Nations") -> UN, IGOCAS -> SCO.

    Only the name counts, not every alias: gazetteer alias lists hold cities and people whose names other
    states share."""
    names: dict[str, str] = {}
    for actor in registry.values():
        for name in (actor.name, *actor.aliases):
            names.setdefault(name.lower(), actor.code)
    out = {}
    for code, actor in world.items():
        name = actor.name.lower()
        found = names.get(name) or names.get(name.removeprefix("the "))
        if found and found != code:
            out[code] = found
    return out


def _case_ok(alias: tuple[str, ...], found: list[str], at_start: bool) -> bool:
    """Capitalised alias words must be capitalised in the text; acronyms must match exactly."""
    for i, (a, t) in enumerate(zip(alias, found, strict=True)):
        letters = a.replace(".", "")
        if len(letters) >= 2 and letters.isupper() and a != t:
            return False
        if a[:1].isupper() and not t[:1].isupper():
            return False
        if a[:1].islower() and t[:1].isupper() and not (i == 0 and (at_start or a in {"the"})):
            return False
    return True


def _extend(hit, i, toks, lowered, index) -> tuple[int, str, str]:
    """Grow a match when an alias of the same actor starts inside it, ends later ("President Xi Jinping")."""
    n, code, how = hit
    for j in range(i + 1, i + n):
        for _, low, other, _ in index.by_first.get(lowered[j], ()):
            k = len(low)
            if other == code and j + k > i + n and tuple(lowered[j : j + k]) == low:
                return j + k - i, code, how
    return hit


def _overtaken(n: int, i: int, toks, lowered, index) -> bool:
    """True when a longer alias starts inside tokens i..i+n and ends after them."""
    for j in range(i + 1, i + n):
        for alias, low, _, _ in index.by_first.get(lowered[j], ()):
            k = len(low)
            if (
                j + k > i + n
                and tuple(lowered[j : j + k]) == low
                and _case_ok(alias, [t for t, _, _ in toks[j : j + k]], False)
            ):
                return True
    return False


def scan(text: str, offset: int, index: ActorIndex) -> list[Mention]:
    """Longest alias matches in one sentence, left to right, with offsets into the article."""
    toks = tokens(text)
    lowered = [t.lower() for t, _, _ in toks]
    out, i = [], 0
    while i < len(toks):
        hit = None
        for alias, low, code, how in index.by_first.get(lowered[i], ()):
            n = len(alias)
            if tuple(lowered[i : i + n]) == low and _case_ok(
                alias, [t for t, _, _ in toks[i : i + n]], i == 0
            ):
                hit = (n, code, how)
                break
        if hit and _overtaken(hit[0], i, toks, lowered, index):
            hit = None  # "the West Bank": "West Bank" starts inside "the West" and runs past it
        if hit:
            n, code, how = _extend(hit, i, toks, lowered, index)
            start, end = toks[i][1], toks[i + n - 1][2]
            out.append(Mention((code,), text[start:end], offset + start, offset + end, how))
            i += n
        else:
            i += 1
    return out


# What may stand between a state and its organ: "Britain's Treasury", "the Russian Treasury".
_OWNER_GAP = re.compile(r"\s*(?:'s|’s)?\s*")


def named_by_pattern(
    mentions: list[Mention], sentence: str, offset: int, index: ActorIndex, lexicon: Lexicon
) -> list[Mention]:
    """Add the parties the lexicon names by pattern ('Resolution 1718': the UN; 'Treasury': the US's).

    Why: no alias list can hold every numbered resolution, and a bare 'Treasury' is the US's only where no
    other state is named right before it; a match inside a name already read, or right after one, is
    skipped."""
    if lexicon.named_by_any is None or not lexicon.named_by_any.search(sentence):
        return mentions
    out = list(mentions)
    for named in lexicon.named_by_pattern:
        if named.code not in index.actors:
            continue
        for m in named.pattern.finditer(sentence):
            start, end = offset + m.start(), offset + m.end()
            if any(o.start < end and start < o.end for o in out) or any(
                o.end <= start and _OWNER_GAP.fullmatch(sentence[o.end - offset : m.start()]) for o in out
            ):
                continue
            note = f"'{m.group()}': {named.note}"
            out.append(Mention((named.code,), m.group(), start, end, "pattern", note=note))
    return sorted(out, key=lambda x: x.start)


def short_names(index: ActorIndex, lexicon: Lexicon) -> dict[str, list[str]]:
    """A leader's name after a title in their own aliases ("President Hu": Hu) -> the leaders it names,
    when it is not an alias itself; such a name stands for the leader only while in office."""
    out: dict[str, list[str]] = {}
    for actor in index.leaders:
        for alias in actor.aliases:
            title, _, name = alias.rpartition(" ")
            if (
                title
                and lexicon.titles.fullmatch(" " + title)
                and name[:1].isupper()
                and name not in actor.aliases
            ):
                out.setdefault(name, []).append(actor.code)
    return out


def names_in_office(
    mentions: list[Mention], sentence: str, offset: int, date: str | None, index: ActorIndex, lexicon: Lexicon
) -> list[Mention]:
    """'Hu and Putin signed ...' in 2006: a leader's bare short name is the one leader of that name in
    office on the article date (none without a date, or when two were).

    Why gated by the date: "Hu", "Jiang" or "Bush" alone name others at other times, so the registry
    lists only "President Hu"; the Hu-era articles lost their Chinese side."""
    if not date:
        return mentions
    taken = [(m.start - offset, m.end - offset) for m in mentions]
    added = []
    for name, codes in short_names(index, lexicon).items():
        holders = [c for c in codes if index.actors[c].in_office(date)]
        if len(holders) != 1:
            continue
        for hit in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", sentence):
            if not any(a < hit.end() and hit.start() < b for a, b in taken):
                actor = index.actors[holders[0]]
                note = f"'{name}' on {date} is {actor.name}, then in office"
                added.append(
                    Mention((actor.code,), name, offset + hit.start(), offset + hit.end(), "name", note=note)
                )
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def mark_private_persons(
    mentions: list[Mention],
    sentence: str,
    offset: int,
    index: ActorIndex,
    lexicon: Lexicon,
    nationals_ends: Sequence[int] = (),
    cue_starts: Sequence[int] = (),
) -> list[Mention]:
    """A state just before a private person ("American journalist") describes the person, not the state.

    Except right after a cue that acts on a state's nationals (nationals_ends: where they end, lexicon
    "nationals"): "detained an American journalist" acts on the United States, as event data codes it;
    and not when the word between is a cue (cue_starts): "China | expelled | journalists" is China acting.
    """
    out = []
    for m in mentions:
        actor = index.actors.get(m.codes[0])
        person = lexicon.private_persons.match(sentence, m.end - offset)
        if person and person.group("word") and person.start("word") in cue_starts:
            person = None
        if actor and actor.kind in STATE_LIKE and person:
            if any(_NATIONAL_AFTER.fullmatch(sentence, end, m.start - offset) for end in nationals_ends):
                m = replace(m, note=f"'{m.text}' names the state of the nationals acted on")
            else:
                note = f"'{m.text}' describes a person, not the state {m.codes[0]}"
                m = replace(m, role="person", note=note)
        out.append(m)
    return out


def merge_leader_titles(
    mentions: list[Mention], sentence: str, offset: int, index: ActorIndex, lexicon: Lexicon
) -> list[Mention]:
    """'Russian President Vladimir Putin': the demonym and title belong to the leader; one mention remains."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        gap = sentence[prev.end - offset : m.start - offset] if prev else ""
        same = prev and index.rollup.get(prev.codes[0]) == index.rollup.get(m.codes[0])
        if (
            prev
            and same
            and prev.role == "actor"
            and m.how in ("name", "person")
            and (
                lexicon.titles.fullmatch(" " + gap.strip())
                or (not gap.strip() and _starts_with_title(m.text, lexicon))
            )
        ):
            out[-1] = replace(m, text=sentence[prev.start - offset : m.end - offset], start=prev.start)
            continue
        out.append(m)
    return out


def _starts_with_title(text: str, lexicon: Lexicon) -> bool:
    words = text.split()
    return any(lexicon.titles.fullmatch(" " + " ".join(words[:k])) for k in (1, 2, 3) if k < len(words))


def resolve_offices(
    mentions: list[Mention], sentence: str, offset: int, date: str | None, index: ActorIndex, lexicon: Lexicon
) -> list[Mention]:
    """'the Russian president' with no name: the registry leader in that office on the article date."""
    out = []
    for m in mentions:
        tail = sentence[m.end - offset :]
        office = re.match(
            r"(?:'s|’s)?\s+(" + "|".join(lexicon.offices) + r")\b(?!\s+(?-i:[A-Z]))", tail, re.IGNORECASE
        )
        if (
            date
            and office
            and index.actors.get(m.codes[0])
            and index.actors[m.codes[0]].kind is ActorKind.STATE
        ):
            leader = _office_holder(m.codes[0], lexicon.offices[office.group(1).lower()], date, index)
            if leader:
                note = f"'{m.text} {office.group(1)}' on {date} is {index.actors[leader].name}"
                m = replace(
                    m,
                    codes=(leader,),
                    end=m.end + office.end(),
                    text=m.text + tail[: office.end()],
                    how="office",
                    note=note,
                )
        out.append(m)
    return out


def _office_holder(state: str, office: str, date: str, index: ActorIndex) -> str | None:
    country = index.actors[state].name
    for actor in index.actors.values():
        if (
            actor.kind is ActorKind.LEADER
            and actor.parent == state
            and any(
                t.office.lower() == f"{office} of {country}".lower()
                and t.start <= date
                and (t.end is None or date < t.end)
                for t in actor.terms
            )
        ):
            return actor.code
    return None


# An opening attribution ends at its comma, else at its source's noun or name: "According to reports | the UK
# is ...", "According to Reuters | the UK ...".
_OPENING = re.compile(
    r"\s*according to\s+(?:[^,]*,|(?:[\w'’.-]+\s+){0,4}?"
    r"(?:reports?|sources|officials|media|diplomats|analysts|witnesses|data|figures|estimates)\b"
    r"|(?:the\s+)?(?-i:(?:[A-Z][\w'’.-]*\s+)+)(?=(?-i:[a-z])))",
    re.IGNORECASE,
)


# Words that open a subordinate clause. A speech inside one reports nothing of the main clause ("launched
# drills around Taiwan, four days after | President Lai said ..."), and an attribution ends where one
# follows it (", Russian importers said, | after the US threatened ...").
_SUBORDINATORS = "after|before|when|since|because|while|until"
_SUBORDINATE = re.compile(rf"\b(?:{_SUBORDINATORS}|although|though|once)\b", re.IGNORECASE)
# An attribution also ends where an apposition to the whole clause follows it (", President Putin said on
# Friday, | the first deployment of such weapons since the Soviet Union collapsed").
_CLAUSE_AFTER = re.compile(rf",\s+(?:{_SUBORDINATORS}|as|amid|despite|following|the|a|an)\b", re.IGNORECASE)


# An adverbial that opens the sentence before its first comma: "On Monday, | China said it would ...",
# "In a statement, | the ministry said ...": what follows is the sentence itself, no closing attribution.
_OPENING_ADJUNCT = re.compile(
    r"^\s*(?:on|in|at|during|earlier|later|separately|meanwhile|also|however|last|this|yesterday|today|"
    r"after|before|since|speaking|asked|overnight|for\s+its\s+part|following|responding|reacting|commenting)"
    r"\b[^,;]{0,40}$",
    re.IGNORECASE,
)


def _opening_adjunct(prefix: str, lexicon: Lexicon) -> bool:
    """True when the words before a would-be attribution's comma are an opening adverbial, short or with no
    event cue ("In a statement,"), not the reported clause ("In 2019 Russia and China held drills, Japan
    said")."""
    return bool(_OPENING_ADJUNCT.match(prefix)) and (
        len(prefix.split()) <= 5 or not lexicon.cue_regex.search(prefix)
    )


def attribution_span(sentence: str, lexicon: Lexicon) -> tuple[int, int] | None:
    """Where the report's source is named: a closing attribution (', officials said Monday.' / ', according
    to X') to the sentence's end, or an opening one ('According to reports', 'According to X,'); else None."""
    cut = None
    for match in lexicon.attribution.finditer(sentence):
        tail = sentence[match.start() :]
        if (
            tail.count(",") <= 2
            and len(tail) < 140
            and (not re.search(r"\b(?:that|to)\b", tail[: match.end() - match.start() + 20]))
            and not _SUBORDINATE.search(match.group())
            and not _opening_adjunct(sentence[: match.start()], lexicon)
        ):
            cut = match.start()
            break
    opening = _OPENING.match(sentence)
    if opening:
        return (opening.start(), opening.end())
    according = re.search(r"\baccording to\b", sentence, re.IGNORECASE)
    if according and (cut is None or according.start() < cut) and sentence.find(",", according.end()) == -1:
        cut = according.start()
    if cut is None:
        return None
    after = _CLAUSE_AFTER.search(sentence, cut + 1)
    return (cut, after.start() if after else len(sentence))


def attribution_start(sentence: str, lexicon: Lexicon) -> int | None:
    """Where the attribution of a reported sentence begins, else None."""
    span = attribution_span(sentence, lexicon)
    return None if span is None else span[0]


def mark_attribution(mentions: list[Mention], sentence: str, offset: int, lexicon: Lexicon) -> list[Mention]:
    """Actors named only as the source of the report do not take part in its events."""
    span = attribution_span(sentence, lexicon)
    if span is None:
        return mentions
    return [
        replace(m, role="attribution", note=f"'{m.text}' is the source of the report")
        if span[0] <= m.start - offset < span[1] and m.role == "actor"
        else m
        for m in mentions
    ]


def pair_mentions(
    sentence: str,
    offset: int,
    own: list[Mention],
    last_pair: tuple[str, str] | None,
    index: ActorIndex,
    lexicon: Lexicon,
) -> list[Mention]:
    """'the two nations', 'both leaders', 'their' as the last pair coded ('their' only without a pair)."""
    if not last_pair:
        return []
    states = tuple(index.rollup.get(c, c) for c in last_pair)
    distinct = {index.rollup.get(m.codes[0]) for m in own if m.role == "actor"}
    out = []
    for match in lexicon.pair_phrases.finditer(sentence):
        phrase = match.group().lower()
        if phrase == "their" and len(distinct) >= 2:
            continue
        codes = states if re.search(r"nations|countries|states|governments|capitals", phrase) else last_pair
        note = f"'{match.group()}' read as {' and '.join(codes)}: the last two actors coded acting together"
        out.append(
            Mention(codes, match.group(), offset + match.start(), offset + match.end(), how="pair", note=note)
        )
    return out
