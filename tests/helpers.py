"""Small builders shared by the tests: synthetic records, never curated data."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def article(**overrides) -> dict:
    """A valid raw article dict (synthetic), with fields overridden."""
    raw = {
        "title": "Synthetic test article",
        "date": "2030-01-01",
        "source": "Test Wire",
        "status": "reviewed",
    }
    raw.update(overrides)
    return raw


def interaction(**overrides) -> dict:
    """A valid raw interaction dict (synthetic), with fields overridden."""
    raw = {
        "article_id": "a-test",
        "date": "2030-01-01",
        "actor1": "CHN",
        "actor2": "RUS",
        "direction": "mutual",
        "event_type": "AGREE",
        "themes": ["energy"],
        "modality": "fact",
        "evidence": "Synthetic evidence.",
    }
    raw.update(overrides)
    return raw


def write_jsonl(path: Path, rows: list) -> Path:
    """Write rows (dicts, or raw strings for broken lines) as JSONL."""
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_cli(*args: str, db: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run the CLI in this process (about a second faster than a subprocess), as `python -m bilateral ARGS`
    would run against the database file `db`; returns what a subprocess would (exit code, stdout, stderr)."""
    from bilateral.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.get("BILATERAL_DB")
    if db:
        os.environ["BILATERAL_DB"] = str(db)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _stdin(stdin):
            try:
                code = main(list(args))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        if saved is None:
            os.environ.pop("BILATERAL_DB", None)
        else:
            os.environ["BILATERAL_DB"] = saved
    return subprocess.CompletedProcess(["bilateral", *args], code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _stdin(text: str | None):
    saved = sys.stdin
    sys.stdin = io.StringIO(text or "")
    try:
        yield
    finally:
        sys.stdin = saved


def run_cli_process(
    *args: str, db: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess:
    """Run `python -m bilateral ARGS` as a real process (against the database file `db`, when given)."""
    env = {**os.environ, "BILATERAL_DB": str(db)} if db else None
    return subprocess.run(
        [sys.executable, "-m", "bilateral", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
    )


class Watched:
    """A database seen through a log of its SQL (and each statement's parameters); with a memo or without."""

    def __init__(self, db, memo: bool):
        self.db, self.sql, self.params = db, [], []
        if memo:
            from bilateral.analysis.memo import Memo  # the helpers import none of the package up front

            self.memo = Memo()

    def cursor(self):
        cursor, log, params = self.db.cursor(), self.sql, self.params

        class Logged:
            def execute(self, sql, *args):
                log.append(" ".join(sql.split()))
                params.append(args[0] if args else [])
                cursor.execute(sql, *args)
                return self

            def __getattr__(self, name):
                return getattr(cursor, name)

        return Logged()


def coded_dyads(text: str) -> set[tuple[str, str, str, str]]:
    """(actor1, actor2, PLOVER type, direction) of every interaction the extractor codes in text (dated
    2024-03-01), actors rolled up to their state: what the lexicon rule tests compare."""
    from bilateral.extract.pipeline import default_index, extract

    rollup = default_index().rollup
    return {
        (
            rollup.get(c.actor1, c.actor1),
            rollup.get(c.actor2, c.actor2),
            c.event_type.value,
            c.direction.value,
        )
        for c in extract(text, date="2024-03-01").interactions
    }
