"""The record model: Article, Interaction, Actor and the closed vocabularies they use.

Each vocabulary is defined once, here, as an enum. Everything else (the store, the filter, the
importers, the extractor, the pages) imports it from this module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
from dataclasses import dataclass, field


class Theme(enum.StrEnum):
    """What an interaction is about; the first three are the ones analysts filter most, so they come first."""

    MILITARY = "military"
    ENERGY = "energy"
    SUPPLY_CHAIN = "supply_chain"
    TRADE = "trade"
    FINANCE = "finance"
    TECHNOLOGY = "technology"
    CYBER = "cyber"
    DIPLOMACY = "diplomacy"
    INFORMATION = "information"
    SECURITY = "security"

    @property
    def label(self) -> str:
        """Human label for menus and chart titles ("Supply chain")."""
        return THEME_LABELS[self]


THEME_LABELS = {
    Theme.MILITARY: "Military",
    Theme.ENERGY: "Energy",
    Theme.SUPPLY_CHAIN: "Supply chain",
    Theme.TRADE: "Trade",
    Theme.FINANCE: "Finance & sanctions",
    Theme.TECHNOLOGY: "Technology",
    Theme.CYBER: "Cyber",
    Theme.DIPLOMACY: "Diplomacy",
    Theme.INFORMATION: "Information & media",
    Theme.SECURITY: "Security & sovereignty",
}


class QuadClass(enum.IntEnum):
    """The four quad classes of event data; 1-2 are cooperation, 3-4 conflict."""

    VERBAL_COOPERATION = 1
    MATERIAL_COOPERATION = 2
    VERBAL_CONFLICT = 3
    MATERIAL_CONFLICT = 4

    @property
    def label(self) -> str:
        """Human label ("Verbal cooperation")."""
        return self.name.replace("_", " ").capitalize()

    @property
    def is_cooperation(self) -> bool:
        """True for the two cooperation classes."""
        return self.value <= 2


class EventType(enum.StrEnum):
    """The 16 PLOVER event types, in the PLOVER manual's order (cooperative first)."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"

    @property
    def quad_class(self) -> QuadClass:
        """The quad class the PLOVER manual puts this event type in."""
        return EVENT_QUAD[self]

    @property
    def default_score(self) -> float:
        """Goldstein-style score for this type (see DEFAULT_SCORES for where each comes from)."""
        return DEFAULT_SCORES[self]


EVENT_QUAD = {
    EventType.AGREE: QuadClass.VERBAL_COOPERATION,
    EventType.CONSULT: QuadClass.VERBAL_COOPERATION,
    EventType.SUPPORT: QuadClass.VERBAL_COOPERATION,
    EventType.CONCEDE: QuadClass.VERBAL_COOPERATION,
    EventType.COOPERATE: QuadClass.MATERIAL_COOPERATION,
    EventType.AID: QuadClass.MATERIAL_COOPERATION,
    EventType.RETREAT: QuadClass.MATERIAL_COOPERATION,
    EventType.REQUEST: QuadClass.VERBAL_CONFLICT,
    EventType.ACCUSE: QuadClass.VERBAL_CONFLICT,
    EventType.REJECT: QuadClass.VERBAL_CONFLICT,
    EventType.THREATEN: QuadClass.VERBAL_CONFLICT,
    EventType.PROTEST: QuadClass.MATERIAL_CONFLICT,
    EventType.SANCTION: QuadClass.MATERIAL_CONFLICT,
    EventType.MOBILIZE: QuadClass.MATERIAL_CONFLICT,
    EventType.COERCE: QuadClass.MATERIAL_CONFLICT,
    EventType.ASSAULT: QuadClass.MATERIAL_CONFLICT,
}

# Default scores are the GDELT Goldstein values (shared/reference/CAMEO.goldsteinscale.txt) of the
# CAMEO root code each PLOVER type comes from. REQUEST merges CAMEO 02 "appeal" (+3.0) and
# 10 "demand" (-5.0); it sits in the verbal-conflict quad, so it takes their mean, -1.0.
DEFAULT_SCORES = {
    EventType.AGREE: 4.0,  # 03 express intent to cooperate
    EventType.CONSULT: 1.0,  # 04 consult
    EventType.SUPPORT: 3.5,  # 05 engage in diplomatic cooperation
    EventType.CONCEDE: 5.0,  # 08 yield
    EventType.COOPERATE: 6.0,  # 06 engage in material cooperation
    EventType.AID: 7.0,  # 07 provide aid
    EventType.RETREAT: 9.0,  # 087 de-escalate military engagement
    EventType.REQUEST: -1.0,  # mean of 02 appeal and 10 demand
    EventType.ACCUSE: -2.0,  # 11 disapprove
    EventType.REJECT: -4.0,  # 12 reject
    EventType.THREATEN: -6.0,  # 13 threaten
    EventType.PROTEST: -6.5,  # 14 protest
    EventType.SANCTION: -4.0,  # 16 reduce relations
    EventType.MOBILIZE: -7.2,  # 15 exhibit force posture
    EventType.COERCE: -7.0,  # 17 coerce
    EventType.ASSAULT: -9.0,  # 18 assault
}


class Direction(enum.StrEnum):
    """Whether actor1 acts on actor2, or both act together."""

    DIRECTED = "directed"
    MUTUAL = "mutual"


class Modality(enum.StrEnum):
    """How the article presents the interaction; commentary stays out of scores by default."""

    FACT = "fact"
    REPORTED = "reported"
    INTENT = "intent"
    COMMENTARY = "commentary"


class Coder(enum.StrEnum):
    """Who coded an interaction."""

    HUMAN = "human"
    AUTO = "auto"


class Status(enum.StrEnum):
    """Review state of an article; only reviewed articles need a date."""

    DRAFT = "draft"
    REVIEWED = "reviewed"


class TitleKind(enum.StrEnum):
    """Whether a title is the outlet's headline word for word, or a descriptive title of ours."""

    HEADLINE = "headline"
    DESCRIPTIVE = "descriptive"


class ActorKind(enum.StrEnum):
    """What sort of actor a registry entry is."""

    STATE = "state"
    LEADER = "leader"
    ORGANISATION = "organisation"
    BLOC = "bloc"
    MEDIA = "media"
    OTHER = "other"


SCORE_MIN, SCORE_MAX = -10.0, 10.0


def stable_id(prefix: str, *parts: str) -> str:
    """A short, stable id from the given parts, so that re-importing a record finds it again."""
    digest = hashlib.sha1("\x1f".join(p.strip().lower() for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:12]}"


def article_id_for(url: str | None, title: str, date: str | None) -> str:
    """Article id: from the URL when there is one, else from title and date."""
    if url:
        return stable_id("a", url)
    return stable_id("a", title, date or "")


def interaction_id_for(article_id: str, actor1: str, actor2: str, event_type: str, evidence: str) -> str:
    """Interaction id: from its article, dyad, event type and evidence."""
    return stable_id("i", article_id, actor1, actor2, event_type, evidence)


def now_iso() -> str:
    """Current UTC time, to the second, ISO 8601."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class Article:
    """One source article: where a set of interactions comes from."""

    id: str
    title: str
    date: str | None
    source: str
    url: str | None = None
    language: str = "en"
    summary: str = ""
    text: str | None = None
    status: Status = Status.REVIEWED
    title_kind: TitleKind = TitleKind.DESCRIPTIVE
    added_at: str = ""

    def to_dict(self) -> dict:
        """Plain JSON-ready dict (enums as their values)."""
        return _plain(self)


@dataclass(frozen=True)
class Interaction:
    """One coded event between two actors, tied to an article."""

    id: str
    article_id: str
    date: str
    actor1: str
    actor2: str
    direction: Direction
    event_type: EventType
    quad_class: QuadClass
    score: float
    themes: tuple[Theme, ...]
    modality: Modality
    evidence: str
    coder: Coder = Coder.HUMAN
    confidence: float = 1.0

    def to_dict(self) -> dict:
        """Plain JSON-ready dict (enums as their values, themes as a list)."""
        return _plain(self)


@dataclass(frozen=True)
class Term:
    """One term in office of a leader: which office, from when, until when (None: still in office)."""

    office: str
    start: str
    end: str | None = None


@dataclass(frozen=True)
class Actor:
    """One entry of the actor registry."""

    code: str
    name: str
    kind: ActorKind
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    terms: tuple[Term, ...] = field(default_factory=tuple)

    def in_office(self, date: str) -> bool:
        """True when a leader held one of their offices on the ISO date given (always True without terms)."""
        if not self.terms:
            return True
        return any(t.start <= date and (t.end is None or date < t.end) for t in self.terms)


def _plain(record) -> dict:
    out = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, tuple):
            value = [v.value if isinstance(v, enum.Enum) else v for v in value]
        elif isinstance(value, enum.Enum):
            value = value.value
        out[f.name] = value
    return out
