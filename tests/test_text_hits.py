"""Text search done once: kept lists give the scan's rows, follow the mirror's syncs, and stay few."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import make_interactions
from helpers import Watched, article, interaction
from test_spans import _same

from bilateral import store
from bilateral.analysis import queries, row_queries, text_hits
from bilateral.analysis.frames import frame_db
from bilateral.analysis.mirror import Mirror
from bilateral.analysis.text_hits import CATALOG, KEPT, kept_searches, text_condition
from bilateral.filters import BY_KEY, Filter
from bilateral.model import article_from_dict, interaction_from_dict


def _scanned(db, text: str) -> list[str]:
    """The ids the declared predicate selects, by a scan."""
    clause, params = BY_KEY["text"].sql(text)
    rows = db.cursor().execute(f"SELECT id FROM rows WHERE {clause} ORDER BY id", params)
    return [r[0] for r in rows.fetchall()]


def _ids(db, text: str) -> list[str]:
    return sorted(row_queries.records_page(db, Filter(text=text), 100)["id"])


@pytest.mark.parametrize(
    ("text", "negated"),
    [("Evidence 1", False), ("evidence", True), ("article 1", False), ("no such words", False)],
)
def test_a_kept_list_selects_what_the_scan_selects(text, negated):
    db = frame_db(make_interactions())
    assert _ids(db, text) == _scanned(db, text)
    clause, _ = text_condition(db, text.lower())
    assert ("NOT IN" in clause) == negated  # past half the rows, the others are kept instead
    assert queries.count(db, Filter(text=text)) == len(_scanned(db, text))


def _tables(db, suffix: str = "") -> int:
    """Lists kept (or, with suffix "_rows", copies of rows kept) in the catalog."""
    sql = "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND table_name != 'searches'"
    found = db.cursor().execute(sql, [CATALOG])
    return sum(name.endswith("_rows") == bool(suffix) for (name,) in found.fetchall())


def test_at_most_kept_lists_are_in_use_and_the_others_are_dropped_later(monkeypatch):
    db = _copying(frame_db(make_interactions()))
    words = [f"evidence {n}" for n in range(KEPT + 2)]
    for text in words:
        queries.count(db, Filter(text=text))
        text_hits.copies_made()
    assert kept_searches(db) == words[::-1][:KEPT]
    assert _tables(db) == KEPT + 2  # the two put aside stay a while: a session may be about to read them
    assert _tables(db, "_rows") == KEPT + 2  # each with the copy of its rows
    monkeypatch.setattr(text_hits, "GRACE_SECONDS", -1.0)
    queries.count(db, Filter(text="evidence 9"))
    text_hits.copies_made()
    assert _tables(db) == KEPT + 1  # those two dropped; the oldest in use put aside for the new one
    assert _tables(db, "_rows") == KEPT + 1
    assert kept_searches(db) == ["evidence 9", *words[::-1][: KEPT - 1]]


def _add(db, word: str, numbers) -> None:
    found_articles, found_interactions = [], []
    for i in numbers:
        a, _ = article_from_dict(article(title=f"Talks {i}"))
        item, _ = interaction_from_dict(interaction(article_id=a.id, evidence=f"{word} evidence {i}."))
        found_articles.append(a)
        found_interactions.append(item)
    store.add_records(db, found_articles, found_interactions)


def test_a_sync_makes_the_next_search_look_again(tmp_path):
    db = store.connect(str(tmp_path / "s.sqlite3"), seed=False)
    _add(db, "Pipeline", range(2))
    _add(db, "Grain", range(2, 4))
    mirror = Mirror(db, in_memory=True)
    mirror.sync()
    assert queries.count(mirror, Filter(text="pipeline evidence")) == 2
    _add(db, "Pipeline", range(4, 5))
    _add(db, "Grain", range(5, 7))
    mirror.sync()
    assert queries.count(mirror, Filter(text="pipeline evidence")) == 3
    assert kept_searches(mirror) == ["pipeline evidence"]  # the list of the older state was dropped


def test_a_database_that_cannot_keep_a_list_scans_instead():
    db = frame_db(make_interactions())
    db.cursor().execute("DROP TABLE mirror_state")
    assert text_condition(db, "evidence 1") == BY_KEY["text"].sql("evidence 1")
    assert _ids(db, "Evidence 1") == _scanned(db, "Evidence 1")


def test_sessions_searching_at_once_get_the_scans_rows():
    db = frame_db(make_interactions())
    words = ["evidence 1", "evidence 2", "evidence 1", "article", "evidence 1", "evidence 2"] * 2
    with ThreadPoolExecutor(max_workers=6) as pool:
        counts = list(pool.map(lambda text: queries.count(db, Filter(text=text)), words))
    assert counts == [len(_scanned(db, text)) for text in words]


LOOKUP = f"FROM {CATALOG}.searches WHERE text = ?"


def _page(db, flt, page: str = "overview") -> dict:
    from bilateral.page_steps import PAGES

    done = {}
    for step in PAGES[page]:
        done[step.name] = step.run(db, flt, done)
    return done


def test_a_page_looks_its_list_up_once():
    rows = frame_db(make_interactions())
    plain, kept = Watched(rows, memo=False), Watched(rows, memo=True)
    _page(plain, Filter(text="evidence 1"))
    _page(kept, Filter(text="evidence 1"))
    assert sum(LOOKUP in sql for sql in plain.sql) >= 10  # every query of the page looked it up
    assert sum(LOOKUP in sql for sql in kept.sql) == 1


def test_a_remembered_list_is_forgotten_before_it_can_be_dropped(monkeypatch):
    from bilateral.analysis import memo

    clock = [1000.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: clock[0])
    db = Watched(frame_db(make_interactions()), memo=True)
    first = text_condition(db, "evidence 1")
    for text in [f"evidence {n}" for n in range(2, KEPT + 3)]:  # enough new lists to put the first aside
        text_condition(db, text)
    assert "evidence 1" not in kept_searches(db)
    clock[0] += text_hits.GRACE_SECONDS / 2 + 1  # forgotten here; its table stays until GRACE_SECONDS
    asked = sum(LOOKUP in sql for sql in db.sql)
    again = text_condition(db, "evidence 1")
    assert sum(LOOKUP in sql for sql in db.sql) == asked + 1 and again != first  # a new list, looked up
    assert queries.count(db, Filter(text="evidence 1")) == len(_scanned(db, "evidence 1"))


def _copying(db):
    """The database, copying a search's rows as the app's mirror does."""
    db.copies_text_rows = True
    return db


@pytest.mark.parametrize("page", ["overview", "timeline", "cooperation", "network", "records", "sidebar"])
def test_every_page_gives_the_same_from_the_copied_rows_as_from_the_list(page):
    """The copy of a search's rows answers each page step exactly as the semi-join with its list does."""
    flt = Filter(text="evidence 1")
    copied = _copying(frame_db(make_interactions()))
    queries.count(copied, flt)
    text_hits.copies_made()
    with_copy = _page(copied, flt, page)
    assert text_hits.text_rows(copied, flt.text) is not None
    listed = frame_db(make_interactions())  # as a command's database: no copy
    with_list = _page(listed, flt, page)
    assert text_hits.text_rows(listed, flt.text) is None
    assert with_copy.keys() == with_list.keys()
    for step, value in with_copy.items():
        assert _same(value, with_list[step]), step


def test_the_first_query_of_a_search_does_not_wait_for_its_copy(monkeypatch):
    started = []
    monkeypatch.setattr(text_hits, "_copy_later", lambda db, name: started.append(name))
    db = _copying(frame_db(make_interactions()))
    assert queries.count(db, Filter(text="evidence 1")) == len(_scanned(db, "evidence 1"))
    assert text_hits.text_rows(db, "evidence 1") is None  # the list answers meanwhile
    assert len(started) == 1
    text_hits._copy(db, started[0])
    assert text_hits.text_rows(db, "evidence 1") == f"{CATALOG}.{started[0]}_rows"  # asked again: made


def test_a_copy_is_not_made_of_a_list_whose_rows_changed_meanwhile(monkeypatch):
    started = []
    monkeypatch.setattr(text_hits, "_copy_later", lambda db, name: started.append(name))
    db = _copying(frame_db(make_interactions()))
    queries.count(db, Filter(text="evidence 1"))
    db.cursor().execute("INSERT INTO mirror_state VALUES ('rev', 'a sync since')")  # the rows changed
    text_hits._copy(db, started[0])
    assert _tables(db, "_rows") == 0
    found = db.cursor().execute(f"SELECT copied FROM {CATALOG}.searches WHERE name = ?", started).fetchone()
    assert found == (None,)  # no copy, nor one to come: the list answers, asked no more


def test_a_copy_holds_the_matching_rows_without_their_long_texts():
    db = _copying(frame_db(make_interactions()))
    text_hits.text_rows(db, "evidence 1")
    text_hits.copies_made()
    table = text_hits.text_rows(db, "evidence 1")
    copied = db.cursor().execute(f"SELECT rowid FROM {table} ORDER BY rowid").fetchall()
    clause, params = BY_KEY["text"].sql("evidence 1")
    scanned = db.cursor().execute(f"SELECT rowid FROM rows WHERE {clause} ORDER BY rowid", params).fetchall()
    assert copied == scanned and copied
    columns = {r[0] for r in db.cursor().execute(f"DESCRIBE {table}").fetchall()}
    assert not columns & set(text_hits.LONG_TEXTS) and {"dyad", "theme_mask", "score", "date"} <= columns
    assert text_hits.text_rows(db, "evidence") is None  # past half the rows: only the others' ids are kept


def test_the_latest_cards_count_only_the_rows_the_search_matches(tmp_path):
    """An article card's count of matching rows, when the search's rows are copied: its matching rows
    only, not every row of the article."""
    db = store.connect(str(tmp_path / "s.sqlite3"), seed=False)
    a, _ = article_from_dict(article(title="Talks"))
    items = [
        interaction_from_dict(interaction(article_id=a.id, evidence=words, date=f"2024-02-0{n + 1}"))[0]
        for n, words in enumerate(["Pipeline deal signed.", "Grain deal signed.", "Grain talks held."])
    ]
    store.add_records(db, [a], items)
    mirror = _copying(Mirror(db, in_memory=True))
    mirror.sync()
    row_queries.latest_by_article(mirror, Filter(text="pipeline"))
    text_hits.copies_made()
    latest = row_queries.latest_by_article(mirror, Filter(text="pipeline"))
    assert text_hits.text_rows(mirror, "pipeline") is not None
    assert latest["article_matches"].tolist() == [1]
    assert latest["evidence"].tolist() == ["Pipeline deal signed."]


def test_a_copy_that_fails_leaves_the_list_to_answer_and_is_asked_for_no_more(monkeypatch):
    import duckdb

    started = []
    monkeypatch.setattr(text_hits, "_copy_later", lambda db, name: started.append(name))
    db = _copying(frame_db(make_interactions()))
    queries.count(db, Filter(text="evidence 1"))

    def refused(cursor):
        raise duckdb.IOException("out of memory")

    monkeypatch.setattr(text_hits, "_copied_columns", refused)
    text_hits._copy(db, started[0])
    found = db.cursor().execute(f"SELECT copied FROM {CATALOG}.searches WHERE name = ?", started).fetchone()
    assert found == (None,) and _tables(db, "_rows") == 0
    assert queries.count(db, Filter(text="evidence 1")) == len(_scanned(db, "evidence 1"))
