"""An article file's bytes as text: UTF-8, a byte-order mark's encoding, or an HTML page's declared charset.

Why one place: the `extract` command, `ingest` and the Extract page each decoded files their own way (one
replaced bad bytes in silence, two refused all but UTF-8), and Russian and Chinese outlets' pages saved
from a browser are often windows-1251 or GBK, which their own <meta charset> names.
"""

from __future__ import annotations

import codecs
import re

from bilateral.errors import ExtractError

BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# <meta charset="windows-1251"> or <meta http-equiv="Content-Type" content="text/html; charset=gb2312">
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_HEAD_BYTES = 4096  # browsers look for the declaration in the first 1,024 bytes; saved pages put it later
_LABELS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16"}  # codec names as people write them
# What a page declares but means more of: browsers read these as their supersets (WHATWG Encoding)
SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "iso-8859-1": "cp1252", "ascii": "cp1252"}


def decode_article(data: bytes, name: str) -> str:
    """The text of an article file; ExtractError naming the file, the line and the byte that is not text
    in its encoding, and saying what to do."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode(data, encoding, name, "as its byte-order mark says")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        declared = _declared_charset(data)
        if declared is None:
            raise ExtractError(
                f"{name}: not UTF-8 text ({_where(data, error.start)}) and no charset declared; save it as "
                "UTF-8"
            ) from error
    return _decode(data, declared, name, "as it declares")  # UTF-8 declared fails again, so named


def _declared_charset(data: bytes) -> str | None:
    """The codec an HTML page's <meta> names (its superset where browsers use one), or None."""
    match = _DECLARED.search(data[:_HEAD_BYTES])
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    try:
        return codecs.lookup(SUPERSETS.get(label, label)).name
    except LookupError:
        return None


def _decode(data: bytes, encoding: str, name: str, why: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        label = _LABELS.get(encoding, encoding)
        raise ExtractError(
            f"{name}: not {label} text {why} ({_where(data, error.start)}); save it as UTF-8"
        ) from error


def _where(data: bytes, at: int) -> str:
    """'line 3, byte 41' of a byte offset: the analyst's editor shows lines."""
    line = data.count(b"\n", 0, at) + 1
    return f"line {line}, byte {at}"
