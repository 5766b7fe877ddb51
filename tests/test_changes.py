"""Edits, soft deletes, undo and the audit trail, on both engines: versions refuse a stale save."""

import datetime as dt
import functools
import threading

import pandas as pd
import pytest
from helpers import article, interaction
from sqlalchemy import select

from bilateral import store
from bilateral.analysis import queries, row_queries
from bilateral.analysis.mirror import Mirror
from bilateral.errors import StoreError
from bilateral.filters import Filter
from bilateral.model import article_from_dict, interaction_from_dict
from bilateral.store import changes
from bilateral.store import history as store_history
from bilateral.store.tables import audit

ALL = Filter()


@pytest.fixture
def db(store_url):
    return store.connect(store_url, seed=False)


def saved(db, n: int = 2, actor: str = "ana"):
    """n articles with one interaction each, saved as `actor`; returns the interactions."""
    found = []
    for i in range(n):
        a, _ = article_from_dict(article(title=f"Edit test {i}", url=f"https://example.org/e{i}"))
        item, _ = interaction_from_dict(interaction(article_id=a.id, evidence=f"Evidence {i}."))
        store.save_article(db, a, [item], actor=actor)
        found.append(item)
    return found


def history(db) -> list[changes.Change]:
    with db.engine.connect() as connection:
        rows = connection.execute(select(audit).order_by(audit.c.id)).mappings().all()
    return [changes.change_from_row(row) for row in rows]


def test_every_insert_is_audited_with_its_values(db):
    item = saved(db, 1)[0]
    trail = history(db)
    assert [(c.action, c.kind, c.actor) for c in trail] == [
        ("insert", "article", "ana"),
        ("insert", "interaction", "ana"),
    ]
    assert trail[1].record_id == item.id and trail[1].before is None
    assert trail[1].after["evidence"] == "Evidence 0." and trail[1].version == 1


def test_an_edit_lands_with_before_and_after(db):
    item = saved(db, 1)[0]
    version = changes.update_record(db.engine, item.model_copy(update={"score": -2.0}), 1, "bo")
    assert version == 2
    row = changes.get_record(db.engine, "interaction", item.id)
    assert (row["score"], row["version"]) == (-2.0, 2)
    last = history(db)[-1]
    assert (last.action, last.actor, last.version) == ("update", "bo", 2)
    assert last.fields() == {"score": (item.score, -2.0)}


def test_a_conflicting_edit_is_refused_with_the_other_change_shown(db):
    item = saved(db, 1)[0]
    changes.update_record(db.engine, item.model_copy(update={"score": -3.0}), 1, "bo")
    with pytest.raises(changes.ConflictError) as refused:
        changes.update_record(db.engine, item.model_copy(update={"evidence": "Mine."}), 1, "cy")
    message = str(refused.value)
    assert "bo (update" in message and "score" in message and "-3.0" in message
    assert refused.value.current_version == 2 and refused.value.change.actor == "bo"
    assert changes.get_record(db.engine, "interaction", item.id)["evidence"] == "Evidence 0."


def test_two_editors_saving_different_records_at_once_both_land(db):
    first, second = saved(db, 2)
    errors = []
    barrier = threading.Barrier(2)

    def edit(item, who, score):
        barrier.wait()
        try:
            for step in range(5):
                changes.update_record(
                    db.engine, item.model_copy(update={"score": score - step}), 1 + step, who
                )
        except Exception as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=edit, args=(first, "ana", 5.0)),
               threading.Thread(target=edit, args=(second, "bo", -1.0))]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert changes.get_record(db.engine, "interaction", first.id)["score"] == 1.0
    assert changes.get_record(db.engine, "interaction", second.id)["score"] == -5.0
    assert sum(c.action == "update" for c in history(db)) == 10


def test_two_editors_saving_the_same_record_at_once_one_is_refused(db):
    item = saved(db, 1)[0]
    outcomes = []
    barrier = threading.Barrier(2)

    def edit(who, score):
        barrier.wait()
        try:
            changes.update_record(db.engine, item.model_copy(update={"score": score}), 1, who)
            outcomes.append("saved")
        except changes.ConflictError:
            outcomes.append("refused")

    threads = [threading.Thread(target=edit, args=(w, s)) for w, s in (("ana", 1.0), ("bo", 2.0))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert changes.get_record(db.engine, "interaction", item.id)["version"] == 2


def test_a_soft_delete_leaves_the_mirror_and_undo_brings_it_back(db):
    first, _ = saved(db, 2)
    mirror = Mirror(db, in_memory=True)
    mirror.sync()
    assert queries.count(mirror, ALL) == 2
    changes.delete_record(db.engine, "interaction", first.id, "ana", expected_version=1)
    mirror.sync()
    assert queries.count(mirror, ALL) == 1 and db.counts() == (2, 1)
    assert changes.get_record(db.engine, "interaction", first.id)["deleted_at"]
    changes.restore_record(db.engine, "interaction", first.id, "ana")
    mirror.sync()
    assert queries.count(mirror, ALL) == 2
    assert [c.action for c in history(db)][-2:] == ["delete", "restore"]
    # a fresh mirror (full load) never sees a deleted row either
    changes.delete_record(db.engine, "interaction", first.id, "ana")
    fresh = Mirror(db, in_memory=True)
    fresh.sync()
    assert queries.count(fresh, ALL) == 1


def test_deleting_an_article_hides_its_interactions_until_undone(db):
    item = saved(db, 1)[0]
    mirror = Mirror(db, in_memory=True)
    mirror.sync()
    changes.delete_record(db.engine, "article", item.article_id, "ana")
    mirror.sync()
    assert queries.count(mirror, ALL) == 0 and db.counts() == (0, 0)
    changes.restore_record(db.engine, "article", item.article_id, "ana")
    mirror.sync()
    assert queries.count(mirror, ALL) == 1


def test_an_edited_article_keeps_its_text_and_shows_in_the_mirror(db):
    item = saved(db, 1)[0]
    stored = changes.get_record(db.engine, "article", item.article_id)
    a, _ = article_from_dict({**stored, "title": "Corrected title"})
    changes.update_record(db.engine, a, stored["version"], "bo")
    mirror = Mirror(db, in_memory=True)
    mirror.sync()
    assert row_queries.records_page(mirror, ALL, 5)["title"].tolist() == ["Corrected title"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda e: changes.delete_record(e, "interaction", "i-missing", "ana"), "no interaction"),
        (lambda e: changes.restore_record(e, "article", "a-missing", "ana"), "no article"),
    ],
)
def test_missing_records_are_named(db, call, message):
    with pytest.raises(StoreError, match=message):
        call(db.engine)


def test_deleting_twice_and_undoing_a_live_record_are_refused(db):
    item = saved(db, 1)[0]
    with pytest.raises(StoreError, match="not deleted"):
        changes.restore_record(db.engine, "interaction", item.id, "ana")
    changes.delete_record(db.engine, "interaction", item.id, "ana")
    with pytest.raises(StoreError, match="already deleted"):
        changes.delete_record(db.engine, "interaction", item.id, "ana")


def test_the_history_table_says_each_change_in_words_a_page_at_a_time(db):
    """History for people: the change in words (no JSON), a UTC timestamp, a total, pages by offset."""
    first, second = saved(db)
    changes.update_record(db.engine, first.model_copy(update={"score": -7.0}), 1, "bo")
    changes.delete_record(db.engine, "interaction", second.id, "bo")
    changes.restore_record(db.engine, "interaction", second.id, "bo")
    total = store_history.history_count(db.engine)
    assert total == 7  # 2 articles + 2 interactions added, an edit, a delete, an undo
    frame = store_history.history_frame(db.engine)
    assert str(frame["at"].dtype).startswith("datetime64") and str(frame["at"].dt.tz) == "UTC"
    assert frame["action"].tolist()[:3] == ["Restored", "Deleted", "Edited"]
    assert frame["changes"].tolist()[:3] == ["shown again", "hidden from every view", "score: 4.0 -> -7.0"]
    added = frame.loc[frame["kind"] == "interaction", "changes"].iloc[-1]
    assert added.startswith(f"{first.actor1} → {first.actor2} · {first.event_type.value} · score +4.0")
    assert "Edit test 0" in frame.loc[frame["kind"] == "article", "changes"].iloc[-1]
    assert not frame["changes"].str.contains("{", regex=False).any()
    assert {"before", "after"}.isdisjoint(frame.columns)
    page_two = store_history.history_frame(db.engine, limit=3, offset=3)
    assert page_two["changes"].tolist() == frame["changes"].tolist()[3:6]
    assert store_history.history_count(db.engine, person="bo") == 3


def test_the_history_date_filter_counts_the_readers_days(db):
    """A change at 23:30 UTC on 1 January is on 2 January in Tokyo and still on 1 January in New York:
    the filter's days are those of the zone the table shows its times in."""
    saved(db)
    with db.engine.begin() as connection:
        connection.execute(audit.update().values(at="2026-01-01T23:30:00+00:00"))
    jan1, jan2 = dt.date(2026, 1, 1), dt.date(2026, 1, 2)
    count = functools.partial(store_history.history_count, db.engine)
    assert count(since=jan1, until=jan1) == count(since=jan1, until=jan1, zone="UTC") == 4
    assert count(since=jan2, until=jan2, zone="Asia/Tokyo") == 4
    assert count(since=jan1, until=jan1, zone="Asia/Tokyo") == 0
    assert count(since=jan1, until=jan1, zone="America/New_York") == 4
    assert count(since=jan2, zone="America/New_York") == 0
    shown = store_history.history_frame(db.engine, since=jan2, until=jan2, zone="Asia/Tokyo")
    assert len(shown) == 4 and shown["at"].dt.tz_convert("Asia/Tokyo").dt.date.eq(jan2).all()


def test_a_day_starts_at_midnight_on_the_readers_clock_across_daylight_saving():
    assert store_history.day_start(dt.date(2026, 1, 2), "Asia/Tokyo") == "2026-01-01T15:00:00+00:00"
    assert store_history.day_start(dt.date(2026, 7, 1), "Europe/Berlin") == "2026-06-30T22:00:00+00:00"
    assert store_history.day_start(dt.date(2026, 1, 1), "Europe/Berlin") == "2025-12-31T23:00:00+00:00"
    assert store_history.day_start(dt.date(2026, 1, 1), "UTC") == "2026-01-01T00:00:00+00:00"


def test_an_import_is_told_in_counts_and_empty_columns_are_left_out():
    imported = changes.Change("2026-01-01T00:00:00+00:00", "ana", "import", "import", "rev 3", None, None,
                              {"articles": 1, "interactions": 2, "files": ["a.jsonl"]})  # fmt: skip
    assert store_history.change_text(imported) == "1 article, 2 interactions from a.jsonl"
    line = store_history._line(imported)
    assert (line["link"], line["version"]) == ("", "")  # empty cells in the History, not a grey "None"
    frame = pd.DataFrame({"at": [1, 2], "link": [None, None], "version": [None, 3], "changes": ["", "x"]})
    assert store_history.without_empty_columns(frame).columns.tolist() == ["at", "version", "changes"]
