"""The record kinds, each declared ONCE as a pydantic model: Article, Interaction, Actor.

Validation, the store's columns (bilateral.store.tables), the export columns and the JSON forms all derive
from these declarations; a field added here is stored, exported and validated without another edit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from bilateral.model.fields import (
    IsoDate,
    OptionalText,
    RequiredText,
    WebUrl,
    choice,
    count,
    fail,
    number_between,
    optional_choice,
    text_or,
    vocabulary_set,
)
from bilateral.model.vocab import (
    SCORE_MAX,
    SCORE_MIN,
    ActorKind,
    Coder,
    Dataset,
    Direction,
    EventType,
    Modality,
    QuadClass,
    Status,
    Theme,
    TitleKind,
)

# Evidence: required text (blank is an error), except on machine-coded field data, where it may be absent.
EvidenceText = Annotated[str | None, *RequiredText.__metadata__]
Count = Annotated[int | None, count()]


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


def field_interaction_id(dataset: str, source_row_id: str) -> str:
    """Interaction id of a field-data row: from its dataset and its id there, so re-import finds it again."""
    return stable_id("i", dataset, source_row_id)


def now_iso() -> str:
    """Current UTC time, to the second, ISO 8601."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Record(BaseModel):
    """Common behaviour: frozen, unknown keys ignored, a plain JSON-ready dict on demand."""

    model_config = ConfigDict(frozen=True, extra="ignore", validate_default=False)

    def to_dict(self) -> dict:
        """Plain JSON-ready dict (enums as their values, tuples as lists)."""
        return self.model_dump(mode="json")

    def _completed(self, update: dict):
        """The record with `update` applied, as model_copy(update=...) gives it, without the copy: only
        for the after-validators, where `self` is the instance being built and nobody else holds it."""
        if update:
            self.__dict__.update(update)
            self.__pydantic_fields_set__.update(update.keys())
        return self


class Article(Record):
    """One source article: where a set of interactions comes from."""

    id: OptionalText = None
    title: RequiredText
    title_kind: Annotated[TitleKind, choice(TitleKind)] = TitleKind.DESCRIPTIVE
    date: IsoDate = None
    source: RequiredText
    url: WebUrl = None
    language: Annotated[str, text_or("en"), Field(json_schema_extra={"blank": "en"})] = "en"
    summary: Annotated[str, text_or("")] = ""
    status: Annotated[Status, choice(Status)] = Status.REVIEWED
    added_at: Annotated[str, text_or("")] = ""
    source_checked: OptionalText = Field(None, description="how the link was confirmed: date and page title")
    publisher: OptionalText = Field(None, description="publisher of the linked page, when not the outlet")
    text: Annotated[OptionalText, Field(json_schema_extra={"export": False})] = None

    # Fields read together by a rule of the whole record (bulk imports validate each group's combinations).
    cross_field_groups: ClassVar[tuple[tuple[str, ...], ...]] = (("status", "date"),)

    @model_validator(mode="after")
    def _complete(self) -> Article:
        if self.status is Status.REVIEWED and not self.date:
            raise fail("date: is required")
        update = {}
        if not self.id:
            update["id"] = self.derived_id(self.__dict__)
        if not self.added_at:
            update["added_at"] = now_iso()
        return self._completed(update)

    @staticmethod
    def derived_id(values: dict) -> str:
        """The id of an article given without one (from its validated values)."""
        return article_id_for(values["url"], values["title"], values["date"])


# Each event type's name -> its quad class and default score, for the defaults below.
_EVENT_DEFAULTS = {
    name: (event.quad_class, event.default_score) for name, event in EventType.__members__.items()
}


class Interaction(Record):
    """One coded event between two actors, tied to an article."""

    id: OptionalText = None
    date: IsoDate
    actor1: RequiredText
    actor2: RequiredText
    direction: Annotated[Direction, choice(Direction)] = Direction.DIRECTED
    event_type: Annotated[EventType, choice(EventType)]
    quad_class: Annotated[QuadClass, choice(QuadClass)] = None  # type: ignore[assignment]
    score: Annotated[float, number_between(SCORE_MIN, SCORE_MAX)] = None  # type: ignore[assignment]
    themes: Annotated[tuple[Theme, ...], vocabulary_set(Theme, "theme")]
    modality: Annotated[Modality, choice(Modality)] = Modality.FACT
    evidence: EvidenceText = None
    coder: Annotated[Coder, choice(Coder)] = Coder.HUMAN
    confidence: Annotated[float, number_between(0.0, 1.0)] = 1.0
    article_id: RequiredText
    dataset: Annotated[Dataset, choice(Dataset)] = Dataset.CURATED
    source_row_id: OptionalText = Field(None, description="the row's id in its dataset (GLOBALEVENTID, ...)")
    source_url: WebUrl = None
    num_mentions: Count = None
    num_sources: Count = None
    num_articles: Count = None
    story_id: OptionalText = Field(None, description="ICEWS Story ID")

    # Fields read together by a rule of the whole record (bulk imports validate each group's combinations);
    # evidence is read with coder and dataset only when it is blank (see _defaults and _machine_coded).
    cross_field_groups: ClassVar[tuple[tuple[str, ...], ...]] = (
        ("actor1", "actor2"),
        ("event_type", "quad_class", "score"),
    )
    blank_reads_others: ClassVar[tuple[str, ...]] = ("evidence",)

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, raw: Any) -> Any:
        """Quad class and score default from the event type (when given and known); blanks mean default."""
        if not isinstance(raw, dict):
            return raw
        if _blank(raw.get("evidence")) and _machine_coded(raw):
            raw = {k: v for k, v in raw.items() if k != "evidence"}
        elif "evidence" not in raw:
            raw = {**raw, "evidence": None}
        raw = {k: v for k, v in raw.items() if not (v is None or v == "") or k in _REQUIRED_INTERACTION}
        event = raw.get("event_type")
        if type(event) is str and event in _EVENT_DEFAULTS:  # a type name exactly as declared: one lookup
            quad_class, score = _EVENT_DEFAULTS[event]
            raw.setdefault("quad_class", quad_class)
            raw.setdefault("score", score)
            return raw
        known = event.value if isinstance(event, EventType) else str(event or "").strip().upper()
        if known in EventType.__members__ and str(event).strip() == known:
            raw.setdefault("quad_class", EventType(known).quad_class)
            raw.setdefault("score", EventType(known).default_score)
        return raw

    @field_validator("actor1", "actor2")
    @classmethod
    def _known_actor(cls, code: str, info: ValidationInfo) -> str:
        known = (info.context or {}).get("known_actors")
        if known is not None and code not in known:
            raise fail(f"unknown actor code {code!r}; add it to data/actors.jsonl first")
        return code

    @field_validator("date")
    @classmethod
    def _dated(cls, value: str | None) -> str:
        if not value:
            raise fail("is required")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Interaction:
        if self.actor1 == self.actor2:
            raise fail(
                f"actor2: is the same actor as actor1 ({self.actor1}); an interaction needs two actors"
            )
        if self.quad_class is not self.event_type.quad_class:
            raise fail(
                f"quad_class: {self.quad_class.value} does not match {self.event_type.value}, "
                f"which is {self.event_type.quad_class.value}"
            )
        update: dict = {"score": round(self.score, 2)}
        if not self.id:
            update["id"] = self.derived_id(self.__dict__)
        return self._completed(update)

    @staticmethod
    def derived_id(values: dict) -> str:
        """The id of an interaction given without one (from its validated values): field-data rows by their
        dataset's row id, so a re-import finds them again; others by article, dyad, type and evidence."""
        dataset = Dataset(values["dataset"])
        if values["source_row_id"] and dataset.is_field_data:
            return field_interaction_id(dataset.value, values["source_row_id"])
        event_type = EventType(values["event_type"]).value
        return interaction_id_for(
            values["article_id"], values["actor1"], values["actor2"], event_type, values["evidence"] or ""
        )


# Blank required fields stay in the raw dict, so their error says "is required" rather than vanishing.
# Evidence is required too, except on machine-coded field data (see _machine_coded).
_REQUIRED_INTERACTION = {name for name, info in Interaction.model_fields.items() if info.is_required()} | {
    "evidence"
}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _machine_coded(raw: dict) -> bool:
    """True for a row coded `auto` from a field dataset: only these may lack an evidence sentence."""
    coder = str(getattr(raw.get("coder"), "value", raw.get("coder")) or "").strip().lower()
    dataset = str(getattr(raw.get("dataset"), "value", raw.get("dataset")) or "").strip().lower()
    return coder == Coder.AUTO.value and dataset in {d.value for d in Dataset if d.is_field_data}


class Term(Record):
    """One term in office of a leader: which office, from when, until when (None: still in office)."""

    office: str
    start: str
    end: str | None = None


class Actor(Record):
    """One entry of the actor registry."""

    code: str
    name: str
    kind: ActorKind
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()

    @field_validator("code")
    @classmethod
    def _no_dash(cls, code: str) -> str:
        if "-" in code:
            raise ValueError(f"code {code!r} must not contain '-', which separates dyads")
        return code

    def in_office(self, date: str) -> bool:
        """True when a leader held one of their offices on the ISO date given (always True without terms)."""
        if not self.terms:
            return True
        return any(t.start <= date and (t.end is None or date < t.end) for t in self.terms)


NOTE_MAX_CHARS = 2000


class Note(Record):
    """An analyst's reading of a moment: pinned to a date or a period, optionally to a dyad and a theme."""

    id: OptionalText = None
    author: RequiredText
    date_from: IsoDate
    date_to: IsoDate = None
    dyad: OptionalText = None
    theme: Annotated[Theme | None, optional_choice(Theme)] = None
    text: RequiredText
    created_at: str = ""
    updated_at: str = ""

    @field_validator("date_from")
    @classmethod
    def _dated(cls, value: str | None) -> str:
        if not value:
            raise fail("is required")
        return value

    @field_validator("dyad")
    @classmethod
    def _dyad(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = [p.strip().upper() for p in value.split("-")]
        if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
            raise fail(f"{value!r} is not two different actor codes joined by '-', like CHN-RUS")
        return "-".join(sorted(parts))

    @field_validator("text")
    @classmethod
    def _short(cls, value: str) -> str:
        if len(value) > NOTE_MAX_CHARS:
            raise fail(f"is {len(value):,} characters long; a note holds at most {NOTE_MAX_CHARS:,}")
        return value

    @model_validator(mode="after")
    def _complete(self) -> Note:
        if self.date_to and self.date_to < self.date_from:
            raise fail(f"date_to: {self.date_to} is before date_from {self.date_from}")
        stamp = now_iso()
        update = {"id": self.id or f"n-{uuid.uuid4().hex[:12]}", "created_at": self.created_at or stamp,
                  "updated_at": self.updated_at or stamp}  # fmt: skip
        return self._completed(update)

    @property
    def end(self) -> str:
        """The last day the note covers (its date when it is pinned to one day)."""
        return self.date_to or self.date_from


class Candidate(Record):
    """One interaction the extractor proposes, before review: the coded event, its evidence with its place
    in the text (start, end), and why it was coded (the cue, whether it was negated, its confidence)."""

    actor1: str
    actor2: str
    direction: Direction
    event_type: EventType
    quad_class: QuadClass
    score: float
    themes: tuple[Theme, ...]
    modality: Modality
    negated: bool
    evidence: str
    start: int
    end: int
    confidence: float
    cue: str
    date: str | None = None
    date_source: str | None = None
