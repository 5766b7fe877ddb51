"""Field types of the record declarations: each carries its own rule and the words of its error.

A rule is written once, here, as an annotated type; pydantic applies it to one record (a form, a JSONL
line) and the error names the field through pydantic's error location.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import types
import typing
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError


def base_type(annotation):
    """The plain type inside Annotated[...] / X | None (what a column of the field holds)."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        return base_type(annotation)
    return annotation


def fail(message: str) -> PydanticCustomError:
    """An error whose message is ours, word for word."""
    return PydanticCustomError("bilateral", "{message}", {"message": message})


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _required_text(value: Any) -> str:
    if _blank(value):
        raise fail("is required")
    if not isinstance(value, str):
        raise fail(f"must be text, not {type(value).__name__}")
    return value.strip()


def text_or(default: str):
    """Text, stripped; blank (or absent) means `default`."""

    def check(value: Any) -> str:
        if _blank(value):
            return default
        if not isinstance(value, str):
            raise fail(f"must be text, not {type(value).__name__}")
        return value.strip()

    return BeforeValidator(check)


def _optional_text(value: Any) -> str | None:
    if _blank(value):
        return None
    if not isinstance(value, str):
        raise fail(f"must be text, not {type(value).__name__}")
    return value.strip()


_SEEN_DATES: dict[str, str] = {}


def _iso_date(value: Any) -> str | None:
    if type(value) is str and (seen := _SEEN_DATES.get(value)) is not None:
        return seen  # a date already read (bulk imports see each of a few thousand dates many times)
    text = _optional_text(value)
    if text is None:
        return None
    try:
        parsed = dt.date.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is None or len(text) != 10:
        raise fail(f"{text!r} is not a date in the form YYYY-MM-DD")
    if type(value) is str and len(_SEEN_DATES) < 100_000:
        _SEEN_DATES[value] = parsed.isoformat()
    return parsed.isoformat()


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


def _web_url(value: Any) -> str | None:
    text = _optional_text(value)
    if (message := check_url(text)) is not None:
        raise fail(message)
    return text


def number_between(low: float, high: float):
    """A float in [low, high]; text that reads as a number is accepted (CSV cells, forms)."""

    def check(value: Any) -> float:
        try:
            number = float(value)
        except (ValueError, TypeError):
            raise fail(f"{value!r} is not a number") from None
        if math.isnan(number) or not low <= number <= high:
            raise fail(f"{value!r} is out of range; must be between {low:g} and {high:g}")
        return number

    return BeforeValidator(check)


def count():
    """A whole number >= 0, or None when blank (a dataset's mention or source count)."""

    def check(value: Any) -> int | None:
        if _blank(value):
            return None
        try:
            number = int(value)
        except (ValueError, TypeError):
            raise fail(f"{value!r} is not a whole number") from None
        if number < 0:
            raise fail(f"{value!r} is negative")
        return number

    return BeforeValidator(check)


def choice(vocabulary: type[enum.Enum]):
    """One value of a closed vocabulary, with the allowed values in the message when it is not."""

    members = {member.value: member for member in vocabulary}

    def check(value: Any):
        if isinstance(value, vocabulary):
            return value
        if type(value) is str or type(value) is int:  # a value exactly as declared: one lookup
            member = members.get(value)
            if member is not None:
                return member
        if _blank(value):
            raise fail("is required")
        try:
            return vocabulary(int(value) if issubclass(vocabulary, enum.IntEnum) else str(value).strip())
        except (ValueError, TypeError):
            allowed = ", ".join(str(v.value) for v in vocabulary)
            raise fail(f"unknown value {value!r}; expected one of: {allowed}") from None

    return BeforeValidator(check)


def parse_list(value: Any) -> list | Any:
    """A list from a list, or from text separated by ';', '|' or ','; any other value as it is."""
    if isinstance(value, str):
        for sep in (";", "|", ","):
            if sep in value:
                return [v.strip() for v in value.split(sep) if v.strip()]
        return [value.strip()] if value.strip() else []
    if isinstance(value, tuple):
        return list(value)
    return value


def vocabulary_set(vocabulary: type[enum.Enum], what: str):
    """A non-empty, de-duplicated tuple of vocabulary values, in the vocabulary's order."""

    seen: dict = {}

    def check(value: Any) -> tuple:
        # Bulk imports repeat a few combinations many times: each distinct list (or text) is checked once.
        key = None
        if type(value) is str:
            key = value
        elif type(value) is list and all(type(v) is str for v in value):
            key = tuple(value)
        if key is not None and (found := seen.get(key)) is not None:
            return found
        found = checked(value)
        if key is not None and len(seen) < 10_000:
            seen[key] = found
        return found

    def checked(value: Any) -> tuple:
        items = parse_list(value)
        if items is None or items == []:
            raise fail(f"at least one {what} is required")
        if not isinstance(items, list):
            raise fail(f"must be a list of {what}s, not {type(items).__name__}")
        found = []
        for item in items:
            try:
                found.append(vocabulary(str(getattr(item, "value", item)).strip()))
            except ValueError:
                allowed = ", ".join(v.value for v in vocabulary)
                raise fail(f"unknown {what} {item!r}; expected one of: {allowed}") from None
        order = list(vocabulary)
        return tuple(sorted(set(found), key=order.index))

    return BeforeValidator(check)


# A pattern that a value may match only when the rule returns it unchanged: a bulk import passes such values
# through without calling the rule (bilateral.model.columns); every other value still goes through the rule.
# Text with printable, non-space ASCII at both ends is never blank and strip() leaves it as it is; a plain
# http(s) URL of that kind also has a host and no white space.
PLAIN_TEXT = r"^[!-~](.*[!-~])?$"
PLAIN_URL = r"^https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?([/?#][!-~]*)?$"
_required_text.unchanged = PLAIN_TEXT
_optional_text.unchanged = PLAIN_TEXT
_web_url.unchanged = PLAIN_URL

RequiredText = Annotated[str, BeforeValidator(_required_text)]
OptionalText = Annotated[str | None, BeforeValidator(_optional_text)]
IsoDate = Annotated[str | None, BeforeValidator(_iso_date)]
WebUrl = Annotated[str | None, BeforeValidator(_web_url)]


def optional_choice(vocabulary: type[enum.Enum]):
    """One value of a closed vocabulary, or None when the value is blank."""
    check = choice(vocabulary).func

    def maybe(value: Any):
        return None if _blank(value) else check(value)

    return BeforeValidator(maybe)
