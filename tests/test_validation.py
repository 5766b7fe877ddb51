"""Validation: every bad field is named, with a message a person can act on."""

import pytest
from helpers import article, interaction

from bilateral.model import (
    EventType,
    Modality,
    QuadClass,
    Theme,
    article_from_dict,
    check_url,
    interaction_from_dict,
    parse_themes,
)

ACTORS = {"CHN", "RUS", "USA", "RUS_PUTIN"}


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"date": "2024-02-30"}, "date", "not a date"),
        ({"date": "09/02/2024"}, "date", "not a date"),
        ({"date": "2024-2-9"}, "date", "not a date"),
        ({"date": None}, "date", "is required"),
        ({"title": "  "}, "title", "is required"),
        ({"source": None}, "source", "is required"),
        ({"url": "javascript:alert(1)"}, "url", "only http:// and https://"),
        ({"url": "ftp://example.org/x"}, "url", "only http:// and https://"),
        ({"url": "https://"}, "url", "not an http(s) link"),
        ({"status": "published"}, "status", "expected one of: draft, reviewed"),
        ({"title_kind": "guess"}, "title_kind", "expected one of"),
        ({"title": 12}, "title", "must be text"),
    ],
)
def test_bad_article_field_is_named(overrides, field, fragment):
    record, problems = article_from_dict(article(**overrides), "f.jsonl", 7)
    assert record is None
    assert [(p.field, p.line) for p in problems] == [(field, 7)]
    assert fragment in problems[0].message
    assert str(problems[0]).startswith(f"f.jsonl:7: {field}: ")


def test_draft_article_may_have_no_date():
    record, problems = article_from_dict(article(date=None, status="draft"))
    assert problems == [] and record.date is None


def test_article_id_is_stable_and_comes_from_url_when_present():
    first, _ = article_from_dict(article(url="https://example.org/a"))
    again, _ = article_from_dict(article(url="https://example.org/a", title="Another title"))
    no_url, _ = article_from_dict(article())
    assert first.id == again.id != no_url.id
    assert first.id.startswith("a-")


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"score": 42}, "score", "between -10 and 10"),
        ({"score": "high"}, "score", "not a number"),
        ({"actor2": None}, "actor2", "is required"),
        ({"actor2": "ATLANTIS"}, "actor2", "unknown actor code"),
        ({"actor2": "CHN"}, "actor2", "same actor"),
        ({"themes": ["astrology"]}, "themes", "unknown theme"),
        ({"themes": []}, "themes", "at least one theme"),
        ({"event_type": "HUG"}, "event_type", "expected one of: AGREE"),
        ({"quad_class": 4}, "quad_class", "does not match AGREE"),
        ({"modality": "rumour"}, "modality", "expected one of"),
        ({"direction": "sideways"}, "direction", "expected one of"),
        ({"confidence": 1.5}, "confidence", "between 0 and 1"),
        ({"evidence": ""}, "evidence", "is required"),
    ],
)
def test_bad_interaction_field_is_named(overrides, field, fragment):
    record, problems = interaction_from_dict(interaction(**overrides), "f.jsonl", 3, ACTORS)
    assert record is None
    assert [p.field for p in problems] == [field]
    assert fragment in problems[0].message


def test_interaction_defaults_come_from_the_event_type():
    record, problems = interaction_from_dict(
        interaction(event_type="SANCTION", themes="finance; trade"), known_actors=ACTORS
    )
    assert problems == []
    assert record.quad_class is QuadClass.MATERIAL_CONFLICT
    assert record.score == EventType.SANCTION.default_score < 0
    assert record.themes == (Theme.TRADE, Theme.FINANCE)
    assert record.modality is Modality.FACT


def test_several_problems_in_one_record_are_all_reported():
    _, problems = interaction_from_dict(interaction(score=42, themes=["x"], actor1=None), known_actors=ACTORS)
    assert {p.field for p in problems} == {"score", "themes", "actor1"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("energy", ["energy"]), ("energy;military", ["energy", "military"]), ("a|b", ["a", "b"]), ("", [])],
)
def test_parse_themes(value, expected):
    assert parse_themes(value) == expected


def test_every_event_type_has_a_quad_and_a_score_of_the_right_sign():
    for event_type in EventType:
        quad = event_type.quad_class
        assert (event_type.default_score > 0) == quad.is_cooperation, event_type


@pytest.mark.parametrize("url", ["https://example.org/x", "http://example.org", None, ""])
def test_good_urls_pass(url):
    assert check_url(url) is None
