"""Turn raw dicts (a JSONL line, a CSV row, a form) into records, or into Problems naming each bad field.

Every check lives here so that the CLI, the importers and the review page reject the same things
with the same words.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Collection
from urllib.parse import urlsplit

from bilateral.errors import Problem
from bilateral.records import (
    SCORE_MAX,
    SCORE_MIN,
    Article,
    Coder,
    Direction,
    EventType,
    Interaction,
    Modality,
    QuadClass,
    Status,
    Theme,
    TitleKind,
    article_id_for,
    interaction_id_for,
    now_iso,
)


class _Checker:
    """Collects problems for one record at one place in one file."""

    def __init__(self, raw: dict, path: str, line: int):
        self.raw, self.path, self.line = raw, path, line
        self.problems: list[Problem] = []

    def fail(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.path, self.line, name, message))

    def text(self, name: str, required: bool = True, default: str | None = "") -> str | None:
        value = self.raw.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(name, "is required")
            return default
        if not isinstance(value, str):
            self.fail(name, f"must be text, not {type(value).__name__}")
            return default
        return value.strip()

    def choice(self, name: str, vocabulary: type[enum.Enum], default=None):
        value = self.raw.get(name)
        if value is None or value == "":
            if default is None:
                self.fail(name, "is required")
            return default
        try:
            return vocabulary(int(value) if vocabulary is QuadClass else str(value).strip())
        except (ValueError, TypeError):
            allowed = ", ".join(str(v.value) for v in vocabulary)
            self.fail(name, f"unknown value {value!r}; expected one of: {allowed}")
            return default

    def date(self, name: str, required: bool = True) -> str | None:
        value = self.text(name, required=required, default=None)
        if value is None:
            return None
        try:
            parsed = dt.date.fromisoformat(value)
        except ValueError:
            parsed = None
        if parsed is None or len(value) != 10:
            self.fail(name, f"{value!r} is not a date in the form YYYY-MM-DD")
            return None
        return parsed.isoformat()

    def number(self, name: str, low: float, high: float, default: float | None) -> float | None:
        value = self.raw.get(name)
        if value is None or value == "":
            return default
        try:
            number = float(value)
        except (ValueError, TypeError):
            self.fail(name, f"{value!r} is not a number")
            return default
        if math.isnan(number) or not low <= number <= high:
            self.fail(name, f"{value!r} is out of range; must be between {low:g} and {high:g}")
            return default
        return number


def check_url(url: str | None) -> str | None:
    """The message for a URL that is not a plain http(s) link, or None when it is fine."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return f"{url!r} is not an http(s) link; only http:// and https:// URLs are allowed"
    if any(c.isspace() for c in url):
        return f"{url!r} contains white space"
    return None


def parse_themes(value) -> list[str] | str:
    """Themes from a list, or from text separated by ';', '|' or ','; returns the raw value when neither."""
    if isinstance(value, str):
        for sep in (";", "|", ","):
            if sep in value:
                return [v.strip() for v in value.split(sep) if v.strip()]
        return [value.strip()] if value.strip() else []
    return value


def article_from_dict(
    raw: dict, path: str = "<input>", line: int = 1
) -> tuple[Article | None, list[Problem]]:
    """An Article from a raw dict, or None with the problems found."""
    c = _Checker(raw, path, line)
    title = c.text("title")
    status = c.choice("status", Status, default=Status.REVIEWED)
    date = c.date("date", required=status is Status.REVIEWED)
    source = c.text("source")
    url = c.text("url", required=False, default=None)
    if (message := check_url(url)) is not None:
        c.fail("url", message)
    language = c.text("language", required=False, default="en")
    summary = c.text("summary", required=False, default="")
    text = c.text("text", required=False, default=None)
    title_kind = c.choice("title_kind", TitleKind, default=TitleKind.DESCRIPTIVE)
    added_at = c.text("added_at", required=False, default="") or now_iso()
    if c.problems:
        return None, c.problems
    given_id = c.text("id", required=False, default=None)
    article = Article(
        id=given_id or article_id_for(url, title, date),
        title=title,
        date=date,
        source=source,
        url=url,
        language=language,
        summary=summary,
        text=text,
        status=status,
        title_kind=title_kind,
        added_at=added_at,
    )
    return article, []


def interaction_from_dict(
    raw: dict, path: str = "<input>", line: int = 1, known_actors: Collection[str] | None = None
) -> tuple[Interaction | None, list[Problem]]:
    """An Interaction from a raw dict, or None with the problems found.

    quad_class and score default from the event type; a quad class that contradicts it is an error.
    """
    c = _Checker(raw, path, line)
    article_id = c.text("article_id")
    date = c.date("date")
    actors = []
    for name in ("actor1", "actor2"):
        code = c.text(name)
        if code and known_actors is not None and code not in known_actors:
            c.fail(name, f"unknown actor code {code!r}; add it to data/actors.jsonl first")
        actors.append(code)
    if actors[0] and actors[0] == actors[1]:
        c.fail("actor2", f"is the same actor as actor1 ({actors[0]}); an interaction needs two actors")
    direction = c.choice("direction", Direction, default=Direction.DIRECTED)
    event_type = c.choice("event_type", EventType)
    quad = c.choice("quad_class", QuadClass, default=event_type.quad_class if event_type else QuadClass(1))
    if event_type and quad is not event_type.quad_class:
        c.fail(
            "quad_class",
            f"{quad.value} does not match {event_type.value}, which is {event_type.quad_class.value}",
        )
    default_score = event_type.default_score if event_type else 0.0
    score = c.number("score", SCORE_MIN, SCORE_MAX, default_score)
    themes = _themes(c)
    modality = c.choice("modality", Modality, default=Modality.FACT)
    evidence = c.text("evidence")
    coder = c.choice("coder", Coder, default=Coder.HUMAN)
    confidence = c.number("confidence", 0.0, 1.0, 1.0)
    if c.problems:
        return None, c.problems
    given_id = c.text("id", required=False, default=None)
    interaction = Interaction(
        id=given_id or interaction_id_for(article_id, actors[0], actors[1], event_type.value, evidence),
        article_id=article_id,
        date=date,
        actor1=actors[0],
        actor2=actors[1],
        direction=direction,
        event_type=event_type,
        quad_class=quad,
        score=round(score, 2),
        themes=themes,
        modality=modality,
        evidence=evidence,
        coder=coder,
        confidence=confidence,
    )
    return interaction, []


def _themes(c: _Checker) -> tuple[Theme, ...]:
    raw = parse_themes(c.raw.get("themes"))
    if not raw:
        c.fail("themes", "at least one theme is required")
        return ()
    if not isinstance(raw, list):
        c.fail("themes", f"must be a list of themes, not {type(raw).__name__}")
        return ()
    themes = []
    for value in raw:
        try:
            theme = Theme(str(value).strip())
        except ValueError:
            allowed = ", ".join(t.value for t in Theme)
            c.fail("themes", f"unknown theme {value!r}; expected one of: {allowed}")
            continue
        if theme not in themes:
            themes.append(theme)
    return tuple(sorted(themes, key=list(Theme).index))
