"""Raw dicts (a JSONL line, a CSV row, a form) in, records or Problems out, through the declarations.

The rules live in the declarations (bilateral.model.records); this module only turns pydantic's errors,
located by field, into Problems that name the file, the line and the field.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from bilateral.errors import Problem
from bilateral.model.fields import check_url, parse_list
from bilateral.model.records import Article, Interaction

R = TypeVar("R", bound=BaseModel)

__all__ = ["article_from_dict", "check_url", "interaction_from_dict", "parse_themes", "problems_of"]


def problems_of(error: ValidationError, path: str, line: int) -> list[Problem]:
    """One Problem per pydantic error: the field from its location, our message word for word."""
    problems = []
    for item in error.errors(include_url=False):
        field = str(item["loc"][0]) if item["loc"] else "record"
        message = item.get("ctx", {}).get("message") or item["msg"]
        if item["type"] == "missing":
            message = "is required"
        elif not item["loc"] and ": " in message:
            field, message = message.split(": ", 1)
        problems.append(Problem(path, line, field, message))
    return problems


def parse(model: type[R], raw: dict, path: str, line: int, context: dict | None = None):
    """(record, []) or (None, problems): one record of the given kind from a raw dict."""
    try:
        return model.model_validate(raw, context=context), []
    except ValidationError as error:
        return None, problems_of(error, path, line)


def article_from_dict(
    raw: dict, path: str = "<input>", line: int = 1
) -> tuple[Article | None, list[Problem]]:
    """An Article from a raw dict, or None with the problems found."""
    return parse(Article, raw, path, line)


def interaction_from_dict(
    raw: dict, path: str = "<input>", line: int = 1, known_actors: Collection[str] | None = None
) -> tuple[Interaction | None, list[Problem]]:
    """An Interaction from a raw dict, or None with the problems found.

    quad_class and score default from the event type; a quad class that contradicts it is an error.
    """
    return parse(Interaction, raw, path, line, {"known_actors": known_actors})


def parse_themes(value) -> list[str] | str:
    """Themes from a list, or from text separated by ';', '|' or ','; returns the raw value when neither."""
    return parse_list(value)
