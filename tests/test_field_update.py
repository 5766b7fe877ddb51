"""`update gdelt`: listing, download and import against a local HTTP server (no test reaches the internet)."""

import datetime as dt
import functools
import hashlib
import http.server
import threading
import zipfile
from pathlib import Path

import pytest

from bilateral import store
from bilateral.cli import main
from bilateral.importers.update import UpdateError, parse_listing, update_gdelt

GDELT = Path(__file__).resolve().parent.parent.parent / "shared" / "samples" / "gdelt1_events_dev.tsv"

pytestmark = pytest.mark.skipif(not GDELT.exists(), reason="needs ../shared/samples beside the repository")


def _zip(path: Path, member: str, data: bytes) -> bytes:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(member, data)
    return path.read_bytes()


@pytest.fixture
def gdelt_server(tmp_path):
    """127.0.0.1 serving a GDELT-like folder: a 2.0 masterfilelist.txt and a 1.0 filesizes listing."""
    root = tmp_path / "www"
    (root / "v2").mkdir(parents=True)
    (root / "v1").mkdir()
    lines = GDELT.read_bytes().splitlines(keepends=True)
    old = _zip(
        root / "v2" / "20160726000000.export.CSV.zip", "20160726000000.export.CSV", b"".join(lines[:5])
    )
    new = _zip(root / "v2" / "20160728001500.export.CSV.zip", "20160728001500.export.CSV", b"".join(lines))
    md5 = hashlib.md5(new, usedforsecurity=False).hexdigest()
    old_md5 = hashlib.md5(old, usedforsecurity=False).hexdigest()
    (root / "v2" / "masterfilelist.txt").write_text(
        f"{len(old)} {old_md5} BASE/20160726000000.export.CSV.zip\n"
        f"99 0123456789abcdef0123456789abcdef BASE/20160728001500.mentions.CSV.zip\n"
        f"{len(new)} {md5} BASE/20160728001500.export.CSV.zip\n"
    )
    _zip(root / "v1" / "20160728.export.CSV.zip", "20160728.export.CSV", GDELT.read_bytes())
    (root / "v1" / "filesizes").write_text("123 20160727.export.CSV.zip\n456 20160728.export.CSV.zip\n")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    listing = root / "v2" / "masterfilelist.txt"
    listing.write_text(listing.read_text().replace("BASE", f"{base}/v2"))
    yield base
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def empty_store(tmp_path, monkeypatch):
    monkeypatch.setenv("BILATERAL_DB", str(tmp_path / "update.sqlite3"))
    return store.connect(seed=False)


def test_listing_names_only_event_exports_with_their_md5():
    text = "1 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa http://x/20200101000000.export.CSV.zip\n2 b http://x/y.gkg.csv.zip\n"
    (export,) = parse_listing(text, "http://x/")
    assert (export.day, export.md5, export.name) == (
        dt.date(2020, 1, 1),
        "a" * 32,
        "20200101000000.export.CSV.zip",
    )
    assert parse_listing("5 20160728.export.CSV.zip", "http://h/events/")[0].url == (
        "http://h/events/20160728.export.CSV.zip"
    )


def test_update_fetches_exports_since_the_date_and_imports_them(empty_store, gdelt_server):
    progress = update_gdelt(empty_store.engine, dt.date(2016, 7, 27), f"{gdelt_server}/v2")
    assert progress.read == 150 and progress.kept == 6  # the 26 July file is older than --since
    again = update_gdelt(empty_store.engine, dt.date(2016, 7, 27), f"{gdelt_server}/v2")
    assert again.kept == 0


def test_update_reads_the_daily_listing_of_gdelt_1(empty_store, gdelt_server, capsys):
    base = f"{gdelt_server}/v1"
    code = main(["update", "gdelt", "--since", "2016-07-28", "--version", "1", "--base-url", base, "--quiet"])
    assert code == 0 and "6 interactions added" in capsys.readouterr().out


def test_a_missing_file_or_bad_checksum_imports_nothing(empty_store, gdelt_server, tmp_path):
    before = empty_store.counts()
    with pytest.raises(UpdateError, match=r"20160727\.export\.CSV\.zip"):  # listed, not on the server
        update_gdelt(empty_store.engine, dt.date(2016, 7, 27), f"{gdelt_server}/v1", version=1)
    listing = tmp_path / "www" / "v2" / "masterfilelist.txt"
    text = listing.read_text().splitlines()
    text[2] = text[2].split()[0] + " " + "f" * 32 + " " + text[2].split()[2]
    listing.write_text("\n".join(text) + "\n")
    with pytest.raises(UpdateError, match="MD5"):
        update_gdelt(empty_store.engine, dt.date(2016, 7, 27), f"{gdelt_server}/v2")
    assert empty_store.counts() == before


def test_only_web_addresses_are_fetched_and_the_period_runs_forward(empty_store, gdelt_server, tmp_path):
    """urllib also opens file:// and ftp://: a listing naming a local file would have been read from this
    machine. Every address is checked before the first download; a period given upside down is named."""
    secret = tmp_path / "20160728000000.export.CSV.zip"
    secret.write_bytes(b"not for the import")
    listing = tmp_path / "www" / "v2" / "masterfilelist.txt"
    listing.write_text(listing.read_text() + f"1 {secret.as_uri()}\n")
    before = empty_store.counts()
    with pytest.raises(UpdateError, match=r"names 'file://.*' is not an http or https address; nothing was"):
        update_gdelt(empty_store.engine, dt.date(2016, 7, 27), f"{gdelt_server}/v2")
    with pytest.raises(UpdateError, match=r"the base URL 'ftp://mirror/' is not an http or https address"):
        update_gdelt(empty_store.engine, dt.date(2016, 7, 27), "ftp://mirror")
    with pytest.raises(UpdateError, match=r"--since 2016-07-28 is after --until 2016-07-27; nothing"):
        update_gdelt(
            empty_store.engine, dt.date(2016, 7, 28), f"{gdelt_server}/v2", until=dt.date(2016, 7, 27)
        )
    assert empty_store.counts() == before


def test_a_redirect_away_from_the_web_is_not_followed(empty_store):
    """A mirror answering with a redirect to ftp:// (which urlopen's default opener follows) is refused:
    only HTTP and HTTPS are spoken."""

    class Redirecting(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1:9/masterfilelist.txt")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Redirecting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with pytest.raises(UpdateError, match=r"masterfilelist\.txt: unknown url type: ftp"):
            update_gdelt(empty_store.engine, dt.date(2016, 7, 27), base)
    finally:
        server.shutdown()
    assert empty_store.counts() == (0, 0)
