"""`update gdelt --since DATE`: fetch GDELT event exports listed by the server, then import them.

GDELT publishes a listing beside its files: `masterfilelist.txt` for 2.0 (lines "size md5 URL", one
15-minute `YYYYMMDDHHMMSS.export.CSV.zip` each) and `filesizes` for 1.0 daily files (lines "size NAME",
`YYYYMMDD.export.CSV.zip`). Both are read the same way: the last word of a line is the file (a URL, or a
name relative to the base URL), a 32-hex word before it is its MD5. Event exports dated on or after
--since are downloaded (streamed to a temporary folder, MD5 checked when given) and imported in ONE
transaction, as `import` does; files already imported add nothing (re-import is idempotent).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bilateral.errors import BilateralError
from bilateral.importers.field import FieldProgress, import_field_files

BASE_URLS = {2: "http://data.gdeltproject.org/gdeltv2/", 1: "http://data.gdeltproject.org/events/"}
LISTINGS = {2: "masterfilelist.txt", 1: "filesizes"}
EXPORT = re.compile(r"(?:^|/)(\d{8})(\d{6})?\.export\.CSV\.zip$", re.IGNORECASE)
_MD5 = re.compile(r"^[0-9a-f]{32}$")
TIMEOUT = 60


class UpdateError(BilateralError):
    """A listing or a file could not be fetched, or its checksum does not match; nothing was imported."""


@dataclass(frozen=True)
class Export:
    """One event export named in a listing."""

    url: str
    day: dt.date
    md5: str | None = None

    @property
    def name(self) -> str:
        return self.url.rsplit("/", 1)[-1]


def parse_listing(text: str, base_url: str) -> list[Export]:
    """The event exports named in a GDELT listing (masterfilelist.txt or filesizes), in listed order."""
    found = []
    for line in text.splitlines():
        words = line.split()
        if not words or not (match := EXPORT.search(words[-1])):
            continue
        day = dt.datetime.strptime(match.group(1), "%Y%m%d").date()
        md5 = words[-2].lower() if len(words) >= 2 and _MD5.match(words[-2].lower()) else None
        found.append(Export(urljoin(base_url, words[-1]), day, md5))
    return found


def _web_opener() -> urllib.request.OpenerDirector:
    """An opener that speaks only HTTP and HTTPS (with proxies, redirects and errors as urlopen's), so a
    redirect to ftp:// or file:// fails as an unknown address rather than being followed."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPRedirectHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


_WEB = _web_opener()


def _web(url: str, what: str) -> str:
    """The URL when it is http or https, else UpdateError. Why: urllib also opens file:// and ftp://, so a
    mirror's listing naming file:///etc/... would have been read from this machine."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise UpdateError(f"{what} {url!r} is not an http or https address; nothing was fetched")
    return url


def _get(url: str) -> bytes:
    try:
        with _WEB.open(url, timeout=TIMEOUT) as response:
            return response.read()
    except (urllib.error.URLError, OSError) as error:
        raise UpdateError(f"cannot fetch {url}: {getattr(error, 'reason', error)}") from None


def _download(export: Export, folder: Path) -> Path:
    """Stream one export to the folder, checking its MD5 when the listing gives one."""
    target = folder / export.name
    digest = hashlib.md5(usedforsecurity=False)
    try:
        with _WEB.open(export.url, timeout=TIMEOUT) as response, target.open("wb") as out:
            while chunk := response.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
    except (urllib.error.URLError, OSError) as error:
        raise UpdateError(f"cannot fetch {export.url}: {getattr(error, 'reason', error)}") from None
    if export.md5 and digest.hexdigest() != export.md5:
        raise UpdateError(f"{export.url}: MD5 {digest.hexdigest()} differs from the listing's {export.md5}")
    return target


def update_gdelt(
    engine,
    since: dt.date,
    base_url: str | None = None,
    version: int = 2,
    until: dt.date | None = None,
    on_progress: Callable[[FieldProgress], None] | None = None,
    log: Callable[[str], None] = lambda _message: None,
    actor: str = "local",
) -> FieldProgress:
    """Download the GDELT event exports dated since..until (inclusive) and import them, all or nothing
    (one History row, by `actor`)."""
    if until is not None and until < since:
        raise UpdateError(f"--since {since} is after --until {until}; nothing was fetched")
    base = _web((base_url or BASE_URLS[version]).rstrip("/") + "/", "the base URL")
    listing = parse_listing(_get(base + LISTINGS[version]).decode("utf-8", "replace"), base)
    wanted = [e for e in listing if e.day >= since and (until is None or e.day <= until)]
    for export in wanted:  # every address checked before the first download
        _web(export.url, f"the listing {base + LISTINGS[version]} names")
    log(f"{len(wanted)} of {len(listing)} event exports listed at {base} are dated from {since}")
    with tempfile.TemporaryDirectory(prefix="bilateral-gdelt-") as folder:
        files = []
        for number, export in enumerate(wanted, start=1):
            log(f"fetching {number}/{len(wanted)}: {export.name}")
            files.append(_download(export, Path(folder)))
        return import_field_files(engine, files, "gdelt", on_progress, actor=actor)
