"""The curated dataset in data/: valid, complete enough, and honest about what it is."""

import json
from collections import Counter

import pytest

from bilateral.model import Modality, QuadClass, TitleKind
from bilateral.model.files import read_record_files
from bilateral.registry import load_actors, rollup_map
from bilateral.store import DATA_DIR

SEED_TITLE = "China-Russia Ties: A Strategic Alliance in the Making"


@pytest.fixture(scope="module")
def curated():
    actors = load_actors()
    articles, interactions = read_record_files(
        [DATA_DIR / "articles.jsonl", DATA_DIR / "interactions.jsonl"], known_actors=set(actors)
    )
    return actors, articles, interactions


def test_sizes_meet_the_brief(curated):
    _, articles, interactions = curated
    assert len(articles) >= 150
    assert len(interactions) >= 300
    themes = Counter(t.value for i in interactions for t in i.themes)
    for theme in ("military", "energy", "supply_chain"):
        assert themes[theme] >= 30, (theme, themes[theme])


def test_period_and_both_directions_of_relations(curated):
    _, articles, interactions = curated
    years = {a.date[:4] for a in articles}
    assert min(years) <= "2001" and max(years) >= "2025"
    quads = Counter(i.quad_class for i in interactions)
    cooperation = quads[QuadClass.VERBAL_COOPERATION] + quads[QuadClass.MATERIAL_COOPERATION]
    conflict = quads[QuadClass.VERBAL_CONFLICT] + quads[QuadClass.MATERIAL_CONFLICT]
    assert cooperation >= 60 and conflict >= 60


def test_ids_are_unique_and_every_article_is_used(curated):
    _, articles, interactions = curated
    assert len({a.id for a in articles}) == len(articles)
    assert len({i.id for i in interactions}) == len(interactions)
    assert {a.id for a in articles} == {i.article_id for i in interactions}


def test_records_are_sourced_dated_and_titled_honestly(curated):
    _, articles, interactions = curated
    by_id = {a.id: a for a in articles}
    for a in articles:
        assert a.source and a.date and a.status.value == "reviewed"
        assert a.url is None or a.url.startswith(("https://", "http://"))
    headlines = [a for a in articles if a.title_kind is TitleKind.HEADLINE]
    assert len(headlines) < len(articles)
    for i in interactions:
        article_date = by_id[i.article_id].date
        assert i.date <= article_date, (i.id, i.date, article_date)


def test_partners_beyond_the_pair_are_covered(curated):
    actors, _, interactions = curated
    rollup = rollup_map(actors)
    states = {rollup[i.actor1] for i in interactions} | {rollup[i.actor2] for i in interactions}
    for code in ("CHN", "RUS", "USA", "EU", "NATO", "UKR", "IND", "JPN", "KAZ"):
        assert code in states, code


def test_seed_article_is_coded_by_hand(curated):
    _, articles, interactions = curated
    seed = next(a for a in articles if a.title == SEED_TITLE)
    assert seed.date == "2024-02-09" and seed.title_kind is TitleKind.HEADLINE
    coded = [i for i in interactions if i.article_id == seed.id]
    accusation = [
        i for i in coded if i.event_type.value == "ACCUSE" and (i.actor1, i.actor2) == ("USA", "CHN")
    ]
    assert accusation and accusation[0].modality is Modality.REPORTED
    assert all(i.evidence in seed.text for i in coded)
    assert not any("USA" in (i.actor1, i.actor2) and "Carlson" in i.evidence for i in coded)


def test_data_files_are_one_json_object_per_line():
    for name in ("articles.jsonl", "interactions.jsonl", "actors.jsonl"):
        for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
            assert isinstance(json.loads(line), dict)
