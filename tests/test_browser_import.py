"""Real browser: the Import page takes uploaded files, shows its progress and outcome, lists a bad file's
problems by file, line and field with nothing written, and imports a GDELT sample as field data (one line
of the History)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from conftest import FIELD_BROWSER, running_app
from conftest import GDELT_SAMPLE as GDELT
from test_browser import LOAD_MS, screenshot

from bilateral import store
from bilateral.store.history import history_frame

pytestmark = FIELD_BROWSER
ARTICLE = {"id": "a-upload-1", "title": "Test upload: energy talks", "date": "2024-03-01",
           "source": "Test Wire", "url": "https://example.org/test-upload/1"}  # fmt: skip
INTERACTION = {"id": "i-upload-1", "article_id": "a-upload-1", "date": "2024-03-01", "actor1": "CHN",
               "actor2": "RUS", "event_type": "CONSULT", "themes": ["energy"],
               "evidence": "Test sentence: the two sides talked about gas."}  # fmt: skip


@pytest.fixture
def import_app(tmp_path):
    database = tmp_path / "bilateral.sqlite3"
    with running_app(database) as url:
        yield url, database


def upload(page, url: str, files: list[Path], check_only: bool = False) -> None:
    page.goto(f"{url}/import")
    page.get_by_text("Files", exact=True).wait_for()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(f) for f in files])
    # every file's chip is shown and none is still uploading before the form is sent
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=\"stFileChip\"]').length >= n"
        " && !document.querySelector('[data-testid=\"stFileChipIconSpinner\"]')",
        arg=len(files),
    )
    if check_only:
        page.get_by_text("Check only", exact=False).click()
    page.get_by_role("button", name="Import").click()


def test_upload_imports_checks_and_names_problems(page, import_app, tmp_path):
    url, database = import_app
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.set_default_timeout(LOAD_MS)
    good = tmp_path / "upload.jsonl"
    good.write_text(json.dumps(ARTICLE) + "\n" + json.dumps(INTERACTION) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({**INTERACTION, "id": "i-upload-2", "score": 40}) + "\n", encoding="utf-8")
    success = page.get_by_test_id("stAlertContentSuccess")
    upload(page, url, [good], check_only=True)
    checked = "checked, nothing written; an import would have added 1 article, 1 interaction"
    success.get_by_text(checked).wait_for()
    db = store.connect(f"sqlite:///{database}", seed=False)
    before = db.counts()  # the app has seeded the curated set by now; the check wrote nothing (see below)

    upload(page, url, [bad])
    page.locator('[data-testid="stDataFrame"]').wait_for()
    page.get_by_test_id("stAlertContentError").get_by_text("nothing imported: 1 problem to fix").wait_for()
    screenshot(page, "import-problems")
    assert db.counts() == before

    zipped = tmp_path / "records.zip"  # our own records zipped: refused, the file named as uploaded
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("records.jsonl", good.read_text(encoding="utf-8"))
    upload(page, url, [zipped])
    refused = page.get_by_test_id("stAlertContentError").get_by_text("a zip of record files is not read")
    refused.wait_for()
    assert refused.inner_text().startswith("records.zip!records.jsonl:1: ") and db.counts() == before

    upload(page, url, [good])
    success.get_by_text("added 1 article, 1 interaction; skipped 0 duplicates", exact=True).wait_for()
    assert db.counts() == (before[0] + 1, before[1] + 1)
    screenshot(page, "import-done")

    upload(page, url, [_workbook(tmp_path / "records.xlsx")])  # an Excel workbook, read sheet by sheet
    success.get_by_text("added 1 article, 2 interactions; skipped 0 duplicates", exact=True).wait_for()
    assert db.counts() == (before[0] + 2, before[1] + 3)


def _workbook(path: Path) -> Path:
    """A workbook of one new article and two interactions, on two sheets (the interactions first)."""
    from openpyxl import Workbook

    article = {**ARTICLE, "id": "a-upload-3", "url": "https://example.org/test-upload/3"}
    book = Workbook()
    book.active.title = "Interactions"
    book.active.append(list(INTERACTION))
    for n in (3, 4):
        row = {**INTERACTION, "id": f"i-upload-{n}", "article_id": article["id"], "themes": "energy;trade"}
        book.active.append(list(row.values()))
    book.create_sheet("Articles").append(list(article))
    book["Articles"].append(list(article.values()))
    book.save(path)
    return path


def test_upload_of_a_gdelt_sample_imports_field_data(page, import_app):
    url, database = import_app
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.set_default_timeout(LOAD_MS)
    upload(page, url, [GDELT])
    page.get_by_test_id("stAlertContentSuccess").get_by_text("interactions added").wait_for()
    assert "skipped" in page.get_by_test_id("stAlertContentSuccess").inner_text()
    page.get_by_role("link", name="See the imported rows in Records").wait_for()
    # the import is one line of the History, by whoever ran it, with its file and what it added
    newest = history_frame(store.connect(f"sqlite:///{database}", seed=False).engine, limit=1).iloc[0]
    assert (newest["actor"], newest["action"]) == ("local", "Imported")
    assert newest["changes"].endswith("6 interactions from gdelt1_events_dev.tsv")
    page.goto(f"{url}/history")
    page.locator('[data-testid="stDataFrame"]').wait_for()
    screenshot(page, "history-field-import")
