"""A save that stops between two of its statements until killed: `crash_child.py URL save|edit ID`.

Prints `between` once the first statements of the transaction ran (the article rows, or the UPDATE), then
waits to be killed; the test kills it with SIGKILL and checks the store is as it was before.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import article, interaction
from sqlalchemy import event

from bilateral import store
from bilateral.model import article_from_dict, interaction_from_dict
from bilateral.store import changes


def main(url: str, mode: str, record_id: str) -> None:
    db = store.connect(url, seed=False)
    marker = "INSERT INTO interactions" if mode == "save" else "UPDATE interactions"

    def stop_after(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(marker.upper()):
            print("between", flush=True)
            time.sleep(600)

    event.listen(db.engine, "after_cursor_execute", stop_after)
    if mode == "save":
        a, _ = article_from_dict(article(title="Never committed", id="a-crash"))
        item, _ = interaction_from_dict(interaction(article_id="a-crash", evidence="Never committed."))
        store.save_article(db, a, [item], actor="crash")
    else:
        row = changes.get_record(db.engine, "interaction", record_id)
        raw = {k: v for k, v in row.items() if k not in changes.BOOKKEEPING}
        item, _ = interaction_from_dict(
            {**raw, "themes": raw["themes"].split(";"), "evidence": "Half-saved."}
        )
        changes.update_record(db.engine, item, row["version"], "crash")


if __name__ == "__main__":
    main(*sys.argv[1:4])
