"""A save killed between two of its statements leaves the store as before, on both engines."""

import os
import signal
import subprocess
import sys

import pytest
from helpers import ROOT, article, interaction
from sqlalchemy import select

from bilateral import store
from bilateral.model import article_from_dict, interaction_from_dict
from bilateral.store import changes
from bilateral.store.tables import articles, audit, interactions


def snapshot(db) -> tuple:
    with db.engine.connect() as connection:
        return (
            sorted(tuple(r) for r in connection.execute(select(articles.c.id, articles.c.version)).all()),
            sorted(
                tuple(r) for r in connection.execute(select(interactions.c.id, interactions.c.evidence)).all()
            ),
            len(connection.execute(select(audit.c.id)).all()),
            db.revision(),
        )


@pytest.mark.parametrize("mode", ["save", "edit"])
def test_a_save_killed_midway_leaves_the_store_as_before(store_url, mode):
    db = store.connect(store_url, seed=False)
    a, _ = article_from_dict(article(title="Before the crash"))
    item, _ = interaction_from_dict(interaction(article_id=a.id, evidence="Before the crash."))
    store.save_article(db, a, [item], actor="ana")
    before = snapshot(db)
    command = [sys.executable, str(ROOT / "tests" / "crash_child.py"), store_url, mode, item.id]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = child.stdout.readline()
        assert line.strip() == "between", child.stderr.read()
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    db.engine.dispose()
    again = store.connect(store_url, seed=False)
    assert snapshot(again) == before
    # and the store takes the next save at once: no lock is left behind
    changes.update_record(again.engine, item.model_copy(update={"score": 1.0}), 1, "ana")
    assert changes.get_record(again.engine, "interaction", item.id)["version"] == 2
