"""Hostile text in a real browser: records, filter values and URL parameters stay inert text on every page."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from conftest import running_app
from helpers import article, interaction

from bilateral import store
from bilateral.model import article_from_dict, interaction_from_dict

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = "<img src=x onerror=window.__pwned=1>"
LINK = "[click me](javascript:window.__pwned=1)"
RTL = "\u202eevil\u202c"
EVIDENCE = f"HOSTILEMARK {SCRIPT} {IMAGE} {LINK} {RTL} **not bold**"


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.sqlite3"
    db = store.connect(str(path))
    a, _ = article_from_dict(article(title=f"{IMAGE} title {SCRIPT}", source=f"{LINK} wire", id="a-hostile",
                                     summary=EVIDENCE, url="https://example.org/hostile"))  # fmt: skip
    item, _ = interaction_from_dict(interaction(article_id="a-hostile", evidence=EVIDENCE, id="i-hostile"))
    store.save_article(db, a, [item], actor="tester")
    db.engine.dispose()
    with running_app(path) as url:
        yield url


def assert_inert(page) -> None:
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("[onerror]").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.parametrize(
    "path",
    [
        "records?record=i-hostile",
        "records?text=HOSTILEMARK",
        f"timeline?theme={quote(SCRIPT)}&source={quote(IMAGE)}",
        f"network?actor={quote(IMAGE)}&text={quote(LINK)}",
        f"?dyad={quote(RTL)}&from={quote(SCRIPT)}",
        "history",
    ],
)
def test_hostile_text_stays_inert(page, hostile_app, path):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_default_timeout(45_000)
    page.goto(f"{hostile_app}/{path}")
    page.wait_for_selector('[data-testid="stSidebar"], [data-testid="stMain"]')
    page.wait_for_selector("h1")
    if path.startswith("records?record"):
        page.wait_for_selector("text=HOSTILEMARK")
        assert "<script>" in page.locator('[data-testid="stMain"]').inner_text()
    assert_inert(page)
    assert dialogs == []
