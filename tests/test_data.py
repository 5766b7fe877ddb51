"""The curated dataset in data/: valid, complete enough, and honest about what it is."""

import datetime as dt
import difflib
import itertools
import json
import re
from collections import Counter

import pytest

from bilateral.model import Modality, QuadClass, TitleKind, check_url
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


# --- Issue 14: links, thin themes, one act scored once, theme definitions, datasheet counts ---


# Articles whose cyber or information records predate the linking work and whose pages could not be found
# (the seed page names no outlet; the Justice Department release is not in the stored corpus). Every other
# article carrying a cyber or information record was added with a confirmed link.
UNLINKED_CYBER_OR_INFORMATION = {"a-a873e43f24c9", "a-1bc6cc9f607b"}


def _raw(name):
    return [json.loads(line) for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines()]


def test_thin_themes_reach_their_floor(curated):
    _, _, interactions = curated
    themes = Counter(t.value for i in interactions for t in i.themes)
    assert themes["cyber"] >= 30, themes["cyber"]
    assert themes["information"] >= 20, themes["information"]


def test_every_link_is_http_and_says_how_it_was_confirmed():
    articles = _raw("articles.jsonl")
    linked = [a for a in articles if a.get("url")]
    assert len(linked) >= 30
    for a in articles:
        url = a.get("url")
        if not url:
            assert "source_checked" not in a and "publisher" not in a, a["id"]
            continue
        assert url.startswith(("https://", "http://")) and check_url(url) is None, (a["id"], url)
        note = a.get("source_checked")
        assert isinstance(note, str), a["id"]
        day, _, seen = note.partition(": ")
        dt.date.fromisoformat(day)  # the date of the check
        # what was seen: the page title, or its date and opening words when it shows no headline
        assert len(seen) > 10, (a["id"], note)
        if "publisher" in a:
            assert a["publisher"].strip() and a["publisher"] != a["source"], a["id"]
    assert len({a["url"] for a in linked}) == len(linked), "one page linked from two articles"


def test_new_cyber_and_information_articles_carry_a_confirmed_link():
    articles = {a["id"]: a for a in _raw("articles.jsonl")}
    themed = {
        i["article_id"] for i in _raw("interactions.jsonl") if {"cyber", "information"} & set(i["themes"])
    }
    missing = sorted(aid for aid in themed - UNLINKED_CYBER_OR_INFORMATION if not articles[aid].get("url"))
    assert not missing, missing


# Two records score the same act when they share the day, the dyad after roll-up (leaders, bodies, state
# companies and state media counted as their state), the event type, and either near-identical evidence or
# the same named measure (e.g. a president's announcement and his department's rule describing the same
# export controls).
SAME_MEASURE = {
    "export controls": re.compile(
        r"\bexport controls?\b|\brestrictions? on (?:\w+ )?exports?\b"
        r"|\bexports? (?:controls?|restrictions?|bans?)\b",
        re.I,
    ),
}


def _same_act(a, b) -> bool:
    ea, eb = a.evidence.lower(), b.evidence.lower()
    if difflib.SequenceMatcher(None, ea, eb).ratio() >= 0.85:
        return True
    words_a, words_b = ({w for w in re.findall(r"[a-z0-9]+", e) if len(w) > 3} for e in (ea, eb))
    if len(words_a & words_b) / max(1, len(words_a | words_b)) >= 0.6:
        return True
    return any(rx.search(ea) and rx.search(eb) for rx in SAME_MEASURE.values())


def test_no_act_is_scored_twice(curated):
    actors, _, interactions = curated
    rollup = rollup_map(actors)
    groups = {}
    for i in interactions:
        dyad = (rollup[i.actor1], rollup[i.actor2])
        if i.direction.value == "mutual":
            dyad = tuple(sorted(dyad))
        groups.setdefault((i.date, dyad, i.event_type), []).append(i)
    twice = [
        (a.id, b.id)
        for group in groups.values()
        for a, b in itertools.combinations(group, 2)
        if _same_act(a, b)
    ]
    assert not twice, twice


# Theme definitions (data/README.md, "Themes"): each theme needs a cue for what it is about in the evidence
# sentence itself.
SUPPLY_CHAIN_CUES = re.compile(
    r"compon|chip|semiconductor|microelectron|dual-use|machine tool|rare earth|drone|\bparts?\b|arms\b|"
    r"weapon|"
    r"munition|missile-related|nuclear- and missile|export controls?|export (?:ban|restriction|quota)s?|"
    r"restrictions? on (?:\w+ )?exports?|high-tech exports|exports? of technology|entity list|"
    r"list of entities|"
    r"military-industrial|defen[cs]e[- ]industr|defen[cs]e (?:compan|firm)|procurement|suppl(?:y|ie|ier)|"
    r"shipment|"
    r"ship\b|cargo|deliver|logistic|transport|transit|\brail|train\b|route|\bports?\b|vessel|navigat|"
    r"corridor|bridge|"
    r"circumvent|material (?:and political )?support|goods (?:and technology )?(?:for|to) (?:its|"
    r"russia's) military|"
    r"equipment|uranium",
    re.I,
)
CYBER_CUES = re.compile(
    r"hack|cyber|intrusion|malware|ransomware|computer|networks|information security|cyber-?attacks?|"
    r"eavesdropping",
    re.I,
)
INFORMATION_CUES = re.compile(
    r"media|journalist|reporter|press|broadcast|news|propaganda|disinformation|information manipulation|"
    r"foreign agents?|foreign missions|influence operations|\bRT\b|Sputnik|BBC|Voice of America|"
    r"Deutsche Welle|"
    r"Wall Street Journal|New York Times|CGTN|Xinhua|RIA Novosti",
    re.I,
)


def test_theme_definitions_are_applied(curated):
    _, _, interactions = curated
    for i in interactions:
        themes = {t.value for t in i.themes}
        if "supply_chain" in themes:
            # a general trade measure (food ban, trade status, customs union, market closure) is trade only
            assert SUPPLY_CHAIN_CUES.search(i.evidence), (i.id, i.evidence)
        if "cyber" in themes:
            assert CYBER_CUES.search(i.evidence) and "snowden" not in i.evidence.lower(), (i.id, i.evidence)
        if "information" in themes:
            assert INFORMATION_CUES.search(i.evidence), (i.id, i.evidence)


def _datasheet_table(heading):
    """Rows of the markdown table that follows the given heading in data/README.md, as lists of cells."""
    lines = (DATA_DIR / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index(heading)
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if line.startswith("|") and not set(line) <= set("|- :"):
            rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows[1:]  # without the header row


def test_datasheet_counts_match_the_files(curated):
    _, articles, interactions = curated
    raw = _raw("articles.jsonl")
    themes = Counter(t.value for i in interactions for t in i.themes)
    by_theme = {row[0].strip("`"): int(row[1]) for row in _datasheet_table("### By theme")}
    assert by_theme == dict(themes)

    linked_ids = {a["id"] for a in raw if a.get("url")}
    years = sorted({a.date[:4] for a in articles})
    expected = {
        y: (
            sum(a.date[:4] == y for a in articles),
            sum(i.date[:4] == y for i in interactions),
            sum(a.date[:4] == y and a.id in linked_ids for a in articles),
        )
        for y in years
    }
    by_year = {row[0]: tuple(int(c) for c in row[1:4]) for row in _datasheet_table("### By year")}
    assert by_year == expected

    text = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    share = f"{len(linked_ids)} of {len(articles)} articles ({100 * len(linked_ids) / len(articles):.0f}%)"
    assert share in text, share
    assert f"{len(articles)} articles and {len(interactions)} interactions" in text
