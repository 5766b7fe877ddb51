"""Counts with their nouns in the right number (bilateral.wording)."""

import datetime as dt

import pytest

from bilateral.registry import load_actors
from bilateral.wording import actor_label, count_noun, coverage_label, date_span, period_words, plural


@pytest.mark.parametrize(
    ("n", "word", "many", "expected"),
    [
        (0, "interaction", None, "0 interactions"),
        (1, "interaction", None, "1 interaction"),
        (2, "article", None, "2 articles"),
        (1234, "change", None, "1,234 changes"),
        (1, "match", None, "1 match"),
        (3, "match", None, "3 matches"),
        (2, "entry", None, "2 entries"),
        (1, "person", "people", "1 person"),
        (5, "person", "people", "5 people"),
    ],
)
def test_count_noun(n, word, many, expected):
    assert count_noun(n, word, many) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("duplicate", "duplicates"), ("box", "boxes"), ("country", "countries"), ("day", "days")],
)
def test_plural(word, expected):
    assert plural(word) == expected


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("2001-06-15", "2025-12-10", "2001–2025"),
        ("2024-03-02", "2024-06-30", "Mar–Jun 2024"),
        ("2024-06-02", "2024-06-30", "Jun 2024"),
    ],
)
def test_period_words_fit_a_headline_card(first, last, expected):
    said = period_words(dt.date.fromisoformat(first), dt.date.fromisoformat(last))
    assert said == expected and len(said) <= 12  # "2001-06 – 2025-12" was cut at 1100 px


def test_an_actor_reads_as_its_code_and_name_and_an_unknown_code_as_itself():
    names = load_actors()
    assert actor_label("RUS", names) == f"RUS · {names['RUS'].name}"
    assert actor_label("ZZZ_UNKNOWN", names) == "ZZZ_UNKNOWN"


@pytest.mark.parametrize(
    ("datasets", "expected"),
    [
        (["curated", "gdelt"], "CHN-USA · Curated, GDELT"),
        (["icews"], "CHN-USA · ICEWS only"),
        ([], "CHN-USA · no scored rows"),
    ],
)
def test_coverage_label_names_a_dyads_datasets(datasets, expected):
    assert coverage_label("CHN-USA", datasets) == expected


def test_date_span_gives_one_date_for_one_day():
    import pandas as pd

    day, later = pd.Timestamp("2018-06-01"), pd.Timestamp("2025-12-10 13:00")
    assert date_span(day, pd.Timestamp("2018-06-01 23:59")) == "2018-06-01"
    assert date_span(day, later) == "2018-06-01 – 2025-12-10"
    assert date_span(day, later, " to ") == "2018-06-01 to 2025-12-10"
