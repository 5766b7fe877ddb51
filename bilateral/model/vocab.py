"""The closed vocabularies of the record model, each defined once as an enum, with their scores.

Everything else (the record declarations, the store, the filter, the importers, the extractor, the pages)
imports them from bilateral.model.
"""

from __future__ import annotations

import enum


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


class Dataset(enum.StrEnum):
    """Where an interaction comes from: the curated, evidence-backed records or a machine-coded dataset."""

    CURATED = "curated"
    GDELT = "gdelt"
    ICEWS = "icews"
    PLOVER = "plover"

    @property
    def label(self) -> str:
        """Human label for menus and legends ("GDELT")."""
        return "Curated" if self is Dataset.CURATED else self.value.upper()

    @property
    def is_field_data(self) -> bool:
        """True for the machine-coded datasets (rows imported by `python -m bilateral import`)."""
        return self is not Dataset.CURATED


class Status(enum.StrEnum):
    """Review state of an article; only reviewed articles need a date.

    `machine` is the source of machine-coded field-data rows (GDELT, ICEWS, PLOVER): nobody has reviewed
    them, and a filter for reviewed records must not take them in."""

    DRAFT = "draft"
    REVIEWED = "reviewed"
    MACHINE = "machine"

    @property
    def label(self) -> str:
        """Human label for menus ("Machine-coded")."""
        return "Machine-coded" if self is Status.MACHINE else self.value.capitalize()


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
