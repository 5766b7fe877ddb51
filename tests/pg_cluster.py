"""A throwaway PostgreSQL server for the tests: BILATERAL_TEST_PG when set, else a cluster in a temp folder.

Why a cluster of our own: the store and app tests run on both engines, and a server made from Debian's
binaries (`make test` installs the `postgresql` package when missing and we are root) starts in about a
second with fsync off. PostgreSQL refuses to run as root, so as root the folder belongs to `postgres`
and the server runs as that user. `stop()` removes everything, also when the tests failed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg

BIN_GLOB = "/usr/lib/postgresql/*/bin"


def find_bin() -> Path | None:
    """The newest Debian PostgreSQL bin folder, or None."""
    found = sorted(Path("/").glob(BIN_GLOB.lstrip("/")), key=lambda p: int(p.parent.name))
    return found[-1] if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class Cluster:
    """One PostgreSQL server; `new_database()` hands out an empty database per test."""

    def __init__(self, url: str, folder: Path | None = None, bin_dir: Path | None = None):
        self.url, self.folder, self.bin_dir = url, folder, bin_dir
        self.made: list[str] = []
        self.stopped = False

    @classmethod
    def start(cls) -> Cluster:
        """BILATERAL_TEST_PG's server, or a new cluster in a temporary folder."""
        existing = os.environ.get("BILATERAL_TEST_PG")
        if existing:
            return cls(existing)
        bin_dir = find_bin()
        if bin_dir is None:
            raise RuntimeError(
                "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin): run `make test` as root to "
                "install Debian's postgresql package, or set BILATERAL_TEST_PG=postgresql+psycopg://..."
            )
        folder = Path(tempfile.mkdtemp(prefix="bilateral-pg-"))
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres")
        data, port = folder / "data", _free_port()
        run = dict(check=True, capture_output=True, text=True, timeout=120)
        subprocess.run(_as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U",
                                        "postgres", "-E", "UTF8", "--no-sync"]), **run)  # fmt: skip
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options,
                                        "-l", str(folder / "server.log"), "-w", "start"]), **run)  # fmt: skip
        return cls(f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", folder, bin_dir)

    def _admin(self) -> psycopg.Connection:
        dsn = self.url.replace("postgresql+psycopg://", "postgresql://")
        return psycopg.connect(dsn, autocommit=True)

    def new_database(self) -> str:
        """The URL of a new, empty database on this server."""
        name = f"t_{uuid.uuid4().hex[:16]}"
        with self._admin() as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        base, _, _ = self.url.rpartition("/")
        return f"{base}/{name}"

    def stop(self) -> None:
        """Drop what the tests made (existing server), or stop the cluster and remove its folder."""
        if self.stopped:
            return
        self.stopped = True
        if self.folder is None:
            with self._admin() as connection:
                for name in self.made:
                    connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        subprocess.run(
            _as_server_user([str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
                             "-w", "stop"]), capture_output=True, timeout=60,
        )  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)
