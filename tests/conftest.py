"""Shared fixtures: a small hand-made interactions frame, an app database, and the browser test server."""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
from pg_cluster import Cluster

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
GDELT_SAMPLE = ROOT.parent / "shared" / "samples" / "gdelt1_events_dev.tsv"
# A browser test on field data: needs Debian's chromium and the GDELT sample beside the repository.
FIELD_BROWSER = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian's chromium (/usr/bin/chromium) is not installed"
    ),
    pytest.mark.skipif(not GDELT_SAMPLE.exists(), reason="needs ../shared/samples beside the repository"),
]
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip

# (date, actor1, actor2, event_type, quad, score, themes, modality, source, url)
SAMPLE_ROWS = [
    ("2014-05-21", "CHN", "RUS", "AGREE", 1, 4.0, "energy", "fact", "Reuters", "https://example.org/gas"),
    ("2014-05-21", "CHN_XI", "RUS_PUTIN", "COOPERATE", 2, 6.0, "energy;trade", "fact", "TASS", None),
    ("2015-03-02", "USA", "RUS", "SANCTION", 4, -4.0, "finance", "fact", "FT", "https://example.org/s"),
    ("2015-07-09", "CHN", "RUS", "CONSULT", 1, 1.0, "diplomacy", "reported", "Xinhua", "javascript:alert(1)"),
    ("2016-01-15", "USA", "CHN", "ACCUSE", 3, -2.0, "cyber", "reported", "Reuters", None),
    ("2016-06-25", "CHN", "RUS", "COOPERATE", 2, 6.0, "military", "fact", "TASS", None),
    ("2016-09-01", "CHN", "RUS", "REJECT", 3, -4.0, "energy", "commentary", "FT", None),
    ("2022-02-04", "CHN_XI", "RUS_PUTIN", "AGREE", 1, 4.0, "diplomacy;security", "fact", "Xinhua", None),
    ("2022-03-01", "EU", "RUS", "SANCTION", 4, -4.0, "finance;energy", "fact", "Reuters", None),
    ("2023-03-21", "CHN", "RUS", "SUPPORT", 1, 3.5, "diplomacy", "fact", "TASS", None),
    ("2023-06-01", "USA", "CHN", "THREATEN", 3, -6.0, "supply_chain;technology", "fact", "FT", None),
    ("2024-02-08", "UKR", "RUS", "ASSAULT", 4, -9.0, "military", "fact", "Reuters", None),
]


def make_interactions(rows=SAMPLE_ROWS) -> pd.DataFrame:
    """Interactions shaped like the mirror's rows (see enrichment.enrich), from (date, actor1, ...) tuples."""
    from bilateral.analysis.enrichment import enrich
    from bilateral.registry import load_actors, rollup_map

    fields = (
        "date",
        "actor1",
        "actor2",
        "event_type",
        "quad_class",
        "score",
        "themes",
        "modality",
        "source",
        "url",
    )
    constant = {"direction": "directed", "coder": "human", "confidence": 0.9, "summary": ""}
    constant |= {"status": "reviewed", "title_kind": "descriptive", "verbatim": False}
    records = [
        {
            **dict(zip(fields, row, strict=True)), **constant, "id": f"i-{n:03d}", "article_id": f"a-{n:03d}",
            "title": f"Article {n}", "evidence": f"Evidence {n} *not bold* [x](javascript:alert(1))",
        }
        for n, row in enumerate(rows)
    ]  # fmt: skip
    return enrich(pd.DataFrame(records), rollup_map(load_actors()))


@pytest.fixture
def interactions() -> pd.DataFrame:
    """The twelve hand-made interactions of SAMPLE_ROWS."""
    return make_interactions()


# The store and app tests run on both engines: the embedded SQLite file and a PostgreSQL server.
ENGINES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_cluster():
    """The PostgreSQL server of this run (see tests/pg_cluster.py); stopped at the end, also on failure."""
    cluster = Cluster.start()
    atexit.register(cluster.stop)
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _interrupted)  # a killed run still tears the cluster down
    yield cluster
    cluster.stop()


def _interrupted(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


@pytest.fixture(scope="session", autouse=True)
def _mirror_dir(tmp_path_factory):
    """Mirrors of server databases go to a temporary folder, never to the project's var/."""
    os.environ["BILATERAL_MIRROR_DIR"] = str(tmp_path_factory.mktemp("mirrors"))


@pytest.fixture(params=ENGINES)
def engine_name(request) -> str:
    """Each test that takes a database runs once per engine."""
    return request.param


@pytest.fixture
def new_db_url(engine_name, tmp_path, request):
    """A maker of new, empty databases of the test's engine: a file path (SQLite) or a server URL."""

    def make(name: str = "store") -> str:
        if engine_name == "sqlite":
            return str(tmp_path / f"{name}.sqlite3")
        return request.getfixturevalue("pg_cluster").new_database()

    return make


@pytest.fixture
def store_url(new_db_url) -> str:
    """One new, empty database of the test's engine."""
    return new_db_url()


@pytest.fixture(scope="session", params=ENGINES)
def app_db(request, tmp_path_factory) -> str:
    """A fresh database seeded from data/ (on each engine), chosen through BILATERAL_DB for the session."""
    if request.param == "sqlite":
        path = str(tmp_path_factory.mktemp("db") / "bilateral.sqlite3")
    else:
        path = request.getfixturevalue("pg_cluster").new_database()
    previous = os.environ.get("BILATERAL_DB")
    os.environ["BILATERAL_DB"] = path
    yield path
    if previous is None:
        os.environ.pop("BILATERAL_DB", None)
    else:
        os.environ["BILATERAL_DB"] = previous


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit did not answer at {url} within {timeout} s")


@contextlib.contextmanager
def running_app(database: Path):
    """The app as `make run` serves it (`python -m ui.serve`: streamlit run app.py, warmed) on a free port
    with its own database; yields the base URL, then stops it."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium (/usr/bin/chromium) is not installed; `make test` installs it")
    port = _free_port()
    command = [
        sys.executable, "-m", "ui.serve", "--server.headless", "true", "--server.port",
        str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    env = {**os.environ, "BILATERAL_DB": str(database)}
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """One app server for the browser tests (base URL)."""
    with running_app(tmp_path_factory.mktemp("server") / "bilateral.sqlite3") as url:
        yield url


@pytest.fixture
def fresh_server(tmp_path_factory):
    """An app server that has answered no request yet (for first-request behaviour)."""
    with running_app(tmp_path_factory.mktemp("fresh") / "bilateral.sqlite3") as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's chromium (never a downloaded one) with the flags that keep it offline."""
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def curated_mirror(tmp_path_factory):
    """The page-query mirror of a store seeded from data/ (the curated records), shared by the test modules
    that read the curated set as the app shows it."""
    from bilateral import store
    from bilateral.analysis import open_mirror

    return open_mirror(store.connect(str(tmp_path_factory.mktemp("curated") / "c.sqlite3")), in_memory=True)


@pytest.fixture
def db(interactions):
    """The twelve hand-made interactions in an in-memory DuckDB that answers every page query."""
    from bilateral.analysis.frames import frame_db

    return frame_db(interactions)
