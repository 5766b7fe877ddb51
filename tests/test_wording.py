"""Counts with their nouns in the right number (bilateral.wording)."""

import pytest

from bilateral.wording import count_noun, plural


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
