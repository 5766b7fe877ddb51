"""The app server's launcher (`python -m ui.serve`, what `make run` starts): Streamlit's `run app.py`, with
the package imported and the database opened before any visitor comes."""

import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, _free_port, _wait_healthy

from bilateral import store


def test_the_server_opens_the_database_and_its_mirror_before_the_first_visit(tmp_path):
    database = tmp_path / "serve.sqlite3"
    store.connect(str(database), seed=False)
    mirror = Path(str(database) + ".mirror.duckdb")
    assert not mirror.exists()
    port = _free_port()
    command = [
        sys.executable, "-m", "ui.serve", "--server.headless", "true", "--server.port", str(port),
        "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, "BILATERAL_DB": str(database)}, stdout=out, stderr=out
        )
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", process)
        deadline = time.monotonic() + 60
        while not mirror.exists() and time.monotonic() < deadline:  # nobody has visited: the warm-up made it
            time.sleep(0.2)
        assert mirror.exists(), log.read_text()
        # the warm-up seeded the store from data/ as the first page would have, and said nothing about it
        assert store.connect(str(database), seed=False).counts()[1] > 0
        assert "ScriptRunContext" not in log.read_text()  # Streamlit's warning about it is filtered
        assert process.poll() is None
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_served_app_neither_watches_its_sources_nor_collects_all_garbage_after_each_run(monkeypatch):
    # Streamlit reads these from .streamlit/config.toml in the folder it is started from (make run: the
    # project's root); a misspelt key would be ignored there, and the server would pay both costs again
    # (a third of its CPU per page view and ~0.2 s a run, docs/benchmarks.md).
    from streamlit import config

    monkeypatch.chdir(ROOT)
    try:
        config.get_config_options(force_reparse=True)
        assert config.get_option("server.fileWatcherType") == "none"
        assert config.get_option("runner.postScriptGC") is False
        # a rerun never starts beside the run it stops: with both, a busy server dropped the lazy download
        # the report button pointed at (tests/test_browser.py's report step failed 1 run in 4-6 under load)
        assert config.get_option("runner.fastReruns") is False
        assert config.get_option("theme.primaryColor") == "#1f4e79"  # the file was the one read
    finally:
        monkeypatch.undo()
        config.get_config_options(force_reparse=True)
