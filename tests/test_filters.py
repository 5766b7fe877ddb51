"""Filter: the same object from the URL and the CLI, and each field applied to a frame."""

import argparse
import datetime as dt
import re

import pandas as pd
import pytest

from bilateral.analysis import row_queries
from bilateral.analysis.enrichment import enrich
from bilateral.analysis.frames import frame_db
from bilateral.errors import FilterError
from bilateral.filters import (
    BY_KEY,
    Filter,
    add_filter_arguments,
    filter_from_cli,
    filter_from_query,
    normalise_dyad,
)
from bilateral.model import Dataset, EventType, Modality, QuadClass, Status, Theme
from bilateral.registry import load_actors, rollup_map


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    """Six synthetic interactions covering each filter field."""
    rows = [
        (
            "i1",
            "2014-05-21",
            "GAZPROM",
            "CNPC",
            "AGREE",
            1,
            7.0,
            "energy",
            "Reuters",
            "Gas supply deal",
            "reviewed",
        ),
        (
            "i2",
            "2019-07-23",
            "CHN",
            "RUS",
            "MOBILIZE",
            4,
            -2.0,
            "military",
            "AP",
            "Joint air patrol",
            "reviewed",
        ),
        (
            "i3",
            "2022-02-26",
            "USA",
            "RUS",
            "SANCTION",
            4,
            -6.0,
            "finance;supply_chain",
            "Reuters",
            "Sanctions",
            "reviewed",
        ),
        (
            "i4",
            "2023-03-21",
            "CHN_XI",
            "RUS_PUTIN",
            "CONSULT",
            1,
            2.0,
            "diplomacy",
            "TASS",
            "Summit in Moscow",
            "draft",
        ),
        (
            "i5",
            "2024-02-07",
            "USA",
            "CHN",
            "ACCUSE",
            3,
            -2.0,
            "cyber;security",
            "BBC",
            "Hacking claim",
            "reviewed",
        ),
        (
            "i6",
            "2024-05-16",
            "RUS",
            "CHN",
            "AGREE",
            1,
            4.0,
            "energy;trade",
            "Xinhua",
            "Energy statement",
            "reviewed",
        ),
    ]
    columns = [
        "id",
        "date",
        "actor1",
        "actor2",
        "event_type",
        "quad_class",
        "score",
        "themes",
        "source",
        "title",
        "status",
    ]
    raw = pd.DataFrame(rows, columns=columns)
    raw["evidence"] = raw["title"] + " evidence."
    raw["summary"] = ""
    raw["modality"] = ["fact", "fact", "reported", "fact", "commentary", "fact"]
    raw["verbatim"] = False
    raw["dataset"] = [
        "curated",
        "curated",
        "curated",
        "curated",
        "gdelt",
        "curated",
    ]  # i5 on a reviewed article
    return frame_db(enrich(raw, rollup_map(load_actors())))


def ids(flt: Filter, db) -> list[str]:
    return sorted(row_queries.records_page(db, flt, 100)["id"])


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (Filter(), ["i1", "i2", "i3", "i4", "i5", "i6"]),
        (Filter(themes=(Theme.ENERGY,)), ["i1", "i6"]),
        (Filter(themes=(Theme.MILITARY, Theme.SUPPLY_CHAIN)), ["i2", "i3"]),
        (Filter(date_from=dt.date(2022, 1, 1)), ["i3", "i4", "i5", "i6"]),
        (Filter(date_to=dt.date(2019, 7, 23)), ["i1", "i2"]),
        (Filter(actors=("RUS",)), ["i1", "i2", "i3", "i4", "i6"]),
        (Filter(actors=("RUS_PUTIN",)), ["i4"]),
        (Filter(dyads=("CHN-RUS",)), ["i1", "i2", "i4", "i6"]),
        (Filter(dyads=("CHN-USA",)), ["i5"]),
        (Filter(event_types=(EventType.AGREE,)), ["i1", "i6"]),
        (Filter(quads=(QuadClass.MATERIAL_CONFLICT,)), ["i2", "i3"]),
        (Filter(sources=("reuters",)), ["i1", "i3"]),
        (Filter(text="HACKING"), ["i5"]),
        (Filter(min_score=4), ["i1", "i6"]),
        (Filter(max_score=-2), ["i2", "i3", "i5"]),
        (Filter(status=Status.REVIEWED), ["i1", "i2", "i3", "i6"]),
        (Filter(status=Status.MACHINE), ["i5"]),
        (Filter(datasets=(Dataset.GDELT,)), ["i5"]),
        (Filter(modalities=(Modality.COMMENTARY, Modality.REPORTED)), ["i3", "i5"]),
        (Filter(text="100% ok_"), []),
        (Filter(themes=(Theme.ENERGY,), dyads=("CHN-RUS",), date_from=dt.date(2020, 1, 1)), ["i6"]),
    ],
)
def test_each_filter_field(frame, flt, expected):
    assert ids(flt, frame) == expected


def test_query_round_trip():
    flt = Filter(
        themes=(Theme.ENERGY, Theme.MILITARY),
        date_from=dt.date(2014, 1, 1),
        dyads=("CHN-RUS",),
        quads=(QuadClass.VERBAL_CONFLICT,),
        min_score=-3.5,
        status=Status.REVIEWED,
    )
    query = flt.to_query()
    assert (
        query["theme"] == ["energy", "military"] and query["from"] == "2014-01-01" and query["quad"] == ["3"]
    )
    again, notes = filter_from_query(query)
    assert again == flt and notes == []


def test_cli_round_trip():
    """The flags a filter prints (the app's "for every record, run ..." line) parse back to it, quoted."""
    import shlex

    flt = Filter(themes=(Theme.ENERGY, Theme.MILITARY), dyads=("CHN-RUS",), min_score=-3.5,
                 date_from=dt.date(2014, 1, 1), text='gas "Power of Siberia"; rm -rf')  # fmt: skip
    line = flt.to_cli()
    assert line.startswith("--theme energy --theme military") and "--dyad CHN-RUS" in line
    parser = argparse.ArgumentParser()
    add_filter_arguments(parser)
    assert filter_from_cli(parser.parse_args(shlex.split(line))) == flt
    assert Filter().to_cli() == ""


@pytest.mark.parametrize(
    ("params", "note"),
    [
        ({"theme": ["astrology"]}, "theme='astrology'"),
        ({"from": "yesterday"}, "from='yesterday'"),
        ({"dyad": "CHN"}, "dyad"),
        ({"quad": "7"}, "quad='7'"),
        ({"min_score": "99"}, "min_score='99'"),
        ({"colour": "red"}, "unknown filter 'colour'"),
        ({"from": "2024-01-01", "to": "2020-01-01"}, "Ignored the period"),
        ({"modality": "rumour"}, "modality='rumour'"),
    ],
)
def test_bad_query_values_are_ignored_with_a_note(params, note):
    flt, notes = filter_from_query(params)
    assert flt == Filter()
    assert any(note in n for n in notes), notes


@pytest.mark.parametrize(
    ("params", "note"),
    [
        ({"dyad": "CHN-RSU"}, "dyad='CHN-RSU' is not valid (two codes like CHN-RUS; RSU is not in the actor "
                              "registry: did you mean SAU, RUS, BRICS?)"),
        ({"actor": "zzz"}, "actor='zzz' is not valid (an actor code such as CHN; ZZZ is not in the actor "
                           "registry, data/actors.jsonl)"),
    ],
)  # fmt: skip
def test_an_actor_code_the_registry_lacks_is_named_with_the_nearest(params, note):
    """'CHN-RSU' found nothing in silence, as though China and Russia never met: every stored record's
    actors are registry codes (imports check), so an unknown one is a typo, named with the nearest codes."""
    flt, notes = filter_from_query(params)
    assert flt == Filter() and notes == [f"Ignored {note}"]
    parser = argparse.ArgumentParser()
    add_filter_arguments(parser)
    flag, value = next(iter(params.items()))
    with pytest.raises(FilterError, match=re.escape(note)):
        filter_from_cli(parser.parse_args([f"--{flag}", value]))
    assert filter_from_query({"actor": "rus_putin", "dyad": "usa-chn"})[1] == []


def test_good_values_survive_beside_bad_ones():
    flt, notes = filter_from_query({"theme": ["energy", "nonsense"], "dyad": ["rus-chn"]})
    assert flt.themes == (Theme.ENERGY,) and flt.dyads == ("CHN-RUS",) and len(notes) == 1


def test_normalise_dyad_sorts_codes():
    assert normalise_dyad("usa-chn") == "CHN-USA"


def test_describe_says_what_is_filtered():
    flt = Filter(
        themes=(Theme.ENERGY,),
        dyads=("CHN-RUS",),
        date_from=dt.date(2014, 1, 1),
        date_to=dt.date(2025, 12, 31),
    )
    assert flt.describe() == "Energy · CHN-RUS · 2014-01-01 to 2025-12-31"
    assert Filter().describe() == "All records"
    # an open end in words (it read "2014-01-01 to …" in chart titles, captions and file names)
    assert Filter(date_from=dt.date(2014, 1, 1)).describe() == "from 2014-01-01"
    assert Filter(date_to=dt.date(2022, 12, 31)).describe() == "until 2022-12-31"


def test_text_finds_words_of_the_evidence_or_of_the_rows_article_but_not_across_fields():
    """The search reads each row's evidence and its article's title and summary (kept once per article)."""
    raw = pd.DataFrame(
        {
            "id": ["i1", "i2", "i3", "i4"],
            "article_id": ["a1", "a1", "a2", "a3"],
            "date": ["2024-01-01"] * 4,
            "actor1": ["CHN"] * 4,
            "actor2": ["RUS"] * 4,
            "event_type": ["CONSULT"] * 4,
            "quad_class": [1] * 4,
            "score": [1.0] * 4,
            "themes": ["energy"] * 4,
            "modality": ["fact"] * 4,
            "title": ["Pipeline Talks", "Pipeline Talks", "Grain deal", "Port visit"],
            "summary": ["", "", "Wheat and Fertiliser", "naval drills"],
            "evidence": ["They met.", "They met.", "Signed.", "The FRIGATE docked."],
            "verbatim": [False] * 4,
        }
    )
    db = frame_db(enrich(raw, rollup_map(load_actors())))
    assert ids(Filter(text="pipeline talks"), db) == ["i1", "i2"]  # the title, for each of its rows
    assert ids(Filter(text="FERTILISER"), db) == ["i3"]  # the summary
    assert ids(Filter(text="frigate"), db) == ["i4"]  # the evidence
    assert ids(Filter(text="talks they"), db) == []  # title and evidence are not one text
    assert ids(Filter(text="deal wheat"), db) == []  # nor title and summary
    # a phrase typed in quotes, as in a web search, is the phrase (the quotes were matched as characters)
    assert ids(Filter(text='"pipeline talks"'), db) == ["i1", "i2"]
    assert ids(Filter(text="“Pipeline Talks”"), db) == ["i1", "i2"]
    assert ids(Filter(text="'frigate'"), db) == ["i4"]
    assert ids(Filter(text='"frigate'), db) == []  # an unpaired quote stays a character


@pytest.mark.parametrize(
    ("key", "one", "many"),
    [
        ("dyad", ("CHN-RUS",), ("CHN-RUS", "CHN-USA")),
        ("actor", ("RUS",), ("RUS", "CHN")),
        ("source", ("tass",), ("tass", "ft")),
    ],
)
def test_one_value_is_an_equality_and_several_an_in_list(frame, key, one, many):
    """`col = ?` for one value (DuckDB scans it faster than `IN (?)`), `IN (...)` for several; same rows."""
    field = BY_KEY[key]
    single, params = field.sql(one)
    assert " IN (" not in single and " = ?" in single and len(params) == single.count("?")
    several, params = field.sql(many)
    assert " IN (?, ?)" in several and len(params) == several.count("?")
    attr = field.attr
    as_in = ids(Filter(**{attr: one}), frame)
    assert as_in == sorted(set(ids(Filter(**{attr: many}), frame)) & set(as_in))
