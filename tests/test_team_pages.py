"""The team pages on both engines (AppTest): sign-in, roles on write pages, editing on Records, History."""

import datetime as dt
import json
import time

import pytest
from helpers import article, interaction
from streamlit.testing.v1 import AppTest

from bilateral import auth, store
from bilateral.model import article_from_dict, interaction_from_dict
from bilateral.store import changes, history
from bilateral.store.tables import audit

TIMEOUT = 60
PASSWORD = "correct horse battery"


@pytest.fixture
def team(store_url, monkeypatch):
    """A seeded store with a viewer, an editor and an admin, chosen through BILATERAL_DB."""
    monkeypatch.setenv("BILATERAL_DB", store_url)
    db = store.connect(store_url)
    for name, role in (("val", "viewer"), ("ed", "editor"), ("bo", "editor"), ("root", "admin")):
        auth.add_user(db.engine, name, PASSWORD, auth.Role(role))
    a, _ = article_from_dict(article(title="Team test <b>article</b>", url="https://example.org/team"))
    item, _ = interaction_from_dict(
        interaction(article_id=a.id, evidence="Team [link](javascript:alert(1)).")
    )
    store.save_article(db, a, [item], actor="root")
    return db, item


def page(name: str, user: str | None = None, **query) -> AppTest:
    at = AppTest.from_file(f"../{name}", default_timeout=TIMEOUT)
    if user:
        at.session_state["auth_session"] = {"name": user, "expires": time.time() + 3600}
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def plain(element) -> str:
    """A message as the reader sees it (the page escapes markdown in untrusted text)."""
    return element.value.replace("\\", "")


def keys(at: AppTest) -> list[str]:
    return [b.key for b in at.button]


def test_without_users_the_add_page_says_it_is_single_user(app_db):
    at = page("pages/add_article.py")
    assert not at.exception
    assert any("Single-user mode" in caption.value for caption in at.caption)
    # the command is a code block of its own, not inline text that wraps mid-token
    assert [c.value for c in at.code] == ["python -m bilateral users add NAME --role editor"]
    assert not any("python -m" in caption.value for caption in at.caption)


def test_with_users_everyone_signs_in_first(team):
    at = page("app.py")
    assert not at.exception and at.title[0].value == "Sign in"
    at.text_input(key="sign_in_name").input("val")
    at.text_input(key="sign_in_password").input("wrong password!")
    at.button[0].click().run()
    assert at.title[0].value == "Sign in" and "wrong user name or password" in plain(at.error[0])
    at.text_input(key="sign_in_password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception and at.title[0].value == "Overview"


def test_an_expired_session_signs_in_again(team):
    at = AppTest.from_file("../app.py", default_timeout=TIMEOUT)
    at.session_state["auth_session"] = {"name": "ed", "expires": time.time() - 1}
    at.run()
    assert at.title[0].value == "Sign in"


def test_a_viewer_cannot_save_on_the_pages(team):
    db, item = team
    add = page("pages/add_article.py", user="val")
    assert not add.exception
    assert "val is a viewer: adding articles needs the editor role" in plain(add.error[0])
    assert "save_button" not in keys(add)
    records = page("pages/records.py", user="val", record=item.id)
    assert not records.exception
    assert "records_save" not in keys(records)
    hist = page("pages/history.py", user="val")
    assert "needs the editor role" in plain(hist.error[0])
    assert changes.get_record(db.engine, "interaction", item.id)["version"] == 1


def test_an_editor_corrects_an_article_on_records_and_it_shows_in_history(team):
    db, item = team
    at = page("pages/records.py", user="ed", record=item.article_id)
    assert not at.exception
    at.text_input(key="records_article_title").input("Corrected title")
    at.button(key="records_save").click().run()
    assert not at.exception and "version 2" in plain(at.success[0])
    assert changes.get_record(db.engine, "article", item.article_id)["title"] == "Corrected title"
    trail = history.history_frame(db.engine, record_id=item.article_id)
    assert trail["action"].tolist() == ["Edited", "Added"]
    assert "title: 'Team test <b>article</b>' -> 'Corrected title'" in trail["changes"].iloc[0]
    shown = page("pages/history.py", user="ed")
    assert not shown.exception
    table = shown.dataframe[0].value
    assert {"Edited", "Added"} <= set(table["action"]) and f"records?record={item.article_id}" in set(
        table["link"]
    )


def test_a_refused_article_edit_names_each_field_as_labelled(team):
    """The Records editor labels the URL as such, gives the summary room, and a refused save lists each
    field on its own line by its label, keeping what was typed."""
    _, item = team
    at = page("pages/records.py", user="ed", record=item.article_id)
    assert at.text_input(key="records_article_url").label == "URL"
    assert at.text_area(key="records_article_summary")
    at.text_input(key="records_article_date").input("2025-13-45")
    at.text_input(key="records_article_url").input("ftp://example.org/x")
    at.button(key="records_save").click().run()
    assert not at.exception
    lines = plain(at.error[0]).split("\n")
    assert lines[0] == "Not saved (nothing was written): correct 2 fields and save again."
    assert lines[2].startswith("- Date (YYYY-MM-DD): '2025-13-45'") and lines[3].startswith("- URL: ")
    assert at.text_input(key="records_article_date").value == "2025-13-45"


def test_an_editor_corrects_an_interaction_field_by_field(team):
    """Each part of the interaction has a labelled field (the one-row grid showed six of nine columns at
    1100 px and cut the evidence): the themes are chosen by name, the evidence is edited whole; a refused
    save names the field by its label and keeps what was typed."""
    db, item = team
    at = page("pages/records.py", user="ed", record=item.id)
    key = f"records_field_{item.id}"
    themes = at.multiselect(key=f"{key}_themes")
    assert themes.value == ["energy"] and "Energy" in themes.options and "Supply chain" in themes.options
    assert at.text_area(key=f"{key}_evidence").value == "Team [link](javascript:alert(1))."
    assert at.selectbox(key=f"{key}_actor1").value == "CHN"
    assert at.number_input(key=f"{key}_score").value == 4.0
    themes.select("trade")
    at.text_area(key=f"{key}_evidence").input("Corrected evidence, in full.")
    at.selectbox(key=f"{key}_event").set_value("CONSULT")
    at.number_input(key=f"{key}_score").set_value(1.5)
    at.button(key="records_save").click().run()
    assert not at.exception and "version 2" in plain(at.success[0])
    saved = changes.get_record(db.engine, "interaction", item.id)
    assert (saved["event_type"], saved["score"]) == ("CONSULT", 1.5)
    assert saved["evidence"] == "Corrected evidence, in full."
    assert saved["themes"] in ("energy;trade", ["energy", "trade"])
    at.text_input(key=f"{key}_date").input("2030-02-30")
    at.button(key="records_save").click().run()
    assert not at.exception
    assert plain(at.error[0]).split("\n")[2].startswith("- Date (YYYY-MM-DD): '2030-02-30'")
    assert at.text_input(key=f"{key}_date").value == "2030-02-30"
    assert changes.get_record(db.engine, "interaction", item.id)["version"] == 2


def test_a_conflicting_edit_on_the_page_is_refused_with_the_other_change(team):
    db, item = team
    at = page("pages/records.py", user="ed", record=item.id)
    assert "records_save" in keys(at)
    changes.update_record(db.engine, item.model_copy(update={"score": -7.0}), 1, "bo")
    at.button(key="records_save").click().run()
    assert not at.exception
    message = plain(at.error[0])
    assert "changed by bo (update" in message and "score: 4.0 -> -7.0" in message
    assert changes.get_record(db.engine, "interaction", item.id)["score"] == -7.0
    at.button(key="records_reload").click().run()
    at.button(key="records_save").click().run()
    assert "version 3" in plain(at.success[0])


def test_an_editor_deletes_and_undoes_on_the_page(team):
    db, item = team
    at = page("pages/records.py", user="ed", record=item.id)
    at.button(key="records_delete").click().run()
    assert not at.exception
    assert changes.get_record(db.engine, "interaction", item.id)["deleted_at"]
    at.button(key="records_undo_button").click().run()
    assert not at.exception
    assert changes.get_record(db.engine, "interaction", item.id)["deleted_at"] is None
    actions = history.history_frame(db.engine, record_id=item.id)["action"].tolist()
    assert actions[:2] == ["Restored", "Deleted"]


def test_history_is_an_audit_view_with_labels_times_words_and_a_total(team):
    """Human column labels, timestamps (not ISO strings), the change in words, no JSON or empty column, and
    the total count of changes."""
    db, item = team
    changes.update_record(
        db.engine, item.model_copy(update={"evidence": "<b>bold</b> [x](javascript:1)"}), 1, "bo"
    )
    at = page("pages/history.py", user="ed")
    assert not at.exception
    shown = at.dataframe[0]
    labels = {c.get("label") for c in json.loads(shown.proto.columns).values()}
    assert {"When", "Who", "Action", "Change", "Open"} <= labels
    order = list(shown.proto.column_order)
    assert order[:5] == ["at", "actor", "action", "kind", "changes"] and "before" not in order
    table = shown.value
    assert str(table["at"].dtype).startswith("datetime64")
    assert (
        table["changes"].iloc[0]
        == "evidence: 'Team [link](javascript:alert(1)).' -> '<b>bold</b> [x](javascript:1)'"
    )
    assert all(table[c].astype(str).ne("").any() for c in table.columns)
    total = history.history_count(db.engine)
    assert total > 500  # the seeded store and the test's changes: two pages
    assert any(c.value.startswith(f"{total:,} changes · newest first, 1–500 shown") for c in at.caption)
    at.number_input(key="history_page").set_value(2).run()
    assert len(at.dataframe[0].value) == total - 500


def test_history_filters_the_days_its_table_shows_in_the_readers_zone(team):
    """A change at 23:30 UTC shows as 08:30 the next day in Tokyo: picking that day finds it there."""
    db, item = team
    with db.engine.begin() as connection:
        connection.execute(
            audit.update().where(audit.c.record_id == item.id).values(at="2026-01-01T23:30:00+00:00")
        )
    at = AppTest.from_file("../pages/history.py", default_timeout=TIMEOUT)
    at.session_state["auth_session"] = {"name": "ed", "expires": time.time() + 3600}
    at.context["timezone"] = "Asia/Tokyo"
    at.run()
    at.text_input(key="history_record").set_value(item.id)
    at.date_input(key="history_from").set_value(dt.date(2026, 1, 2))
    at.date_input(key="history_to").set_value(dt.date(2026, 1, 2)).run()
    assert not at.exception
    assert any(c.value.startswith("1 change · newest first") for c in at.caption)
    shown = at.dataframe[0].value["at"]
    assert shown.dt.strftime("%Y-%m-%d %H:%M").tolist() == ["2026-01-02 08:30"]
    at.date_input(key="history_from").set_value(dt.date(2026, 1, 1))
    at.date_input(key="history_to").set_value(dt.date(2026, 1, 1)).run()
    assert [i.value for i in at.info] == ["No change matches these filters."]
