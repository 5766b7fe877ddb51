"""An Excel workbook's sheets read a row at a time, straight from the file's XML (zipfile and lxml).

Why not openpyxl's read-only mode, which streams too: it builds a rich-text object for every text cell of a
sheet of inline strings (as XlsxWriter's constant-memory mode, our XLSX export, writes them): importing a
100,000-record workbook took 45 s, 77 of its 104 profiled seconds inside openpyxl's cell parsing. The cell
values are openpyxl's own (its number-format and date helpers decide and convert dates), so a workbook
reads the same either way (tests/test_workbook.py compares them cell by cell).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, from_ISO8601

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_ROW, _CELL, _VALUE, _INLINE = MAIN + "row", MAIN + "c", MAIN + "v", MAIN + "is"
_TEXT, _RUN = MAIN + "t", MAIN + "r"
# A workbook is untrusted input: no entity is expanded and nothing is fetched; long texts are allowed.
_SAFE = {"resolve_entities": False, "no_network": True, "huge_tree": True}


class WorkbookError(ValueError):
    """The file is no workbook this reader can read (not a zip, a part missing, broken XML)."""


@dataclass(frozen=True)
class Sheet:
    """A worksheet: its title and its part in the file."""

    title: str
    part: str


class Workbook:
    """The worksheets of an .xlsx/.xlsm file (chart sheets left out), the shared strings and the date styles.

    The shared strings are read whole, as every reader of the format does; a sheet's rows are parsed as
    they are asked for and dropped after, so memory does not grow with the sheet."""

    def __init__(self, path: Path):
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as error:
            raise WorkbookError(str(error)) from error
        try:
            book = self._xml("xl/workbook.xml")
            targets = self._relationships("xl/_rels/workbook.xml.rels")
            properties = book.find(MAIN + "workbookPr")
            mac = properties is not None and properties.get("date1904", "").lower() in ("1", "true")
            self.epoch = MAC_EPOCH if mac else WINDOWS_EPOCH
            self.sheets = [
                Sheet(sheet.get("name", ""), targets[rel][0])
                for sheet in book.iter(MAIN + "sheet")
                if (rel := sheet.get(_REL_ID)) in targets and targets[rel][1].endswith("/worksheet")
            ]
            parts = {kind.rsplit("/", 1)[-1]: target for target, kind in targets.values()}
            self.strings = self._strings(parts.get("sharedStrings"))
            self.dates, self.durations = self._date_styles(parts.get("styles"))
        except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile) as error:
            self._zip.close()
            raise WorkbookError(f"{type(error).__name__}: {error}") from error

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def rows(self, sheet: Sheet, first: int = 1) -> Iterator[tuple[int, list]]:
        """(row number, cell values) of each row from `first` that has cells, values as openpyxl's read-only
        `values_only` rows give them (text, int, float, bool, datetime, time, timedelta; a gap None).

        Raises WorkbookError for a broken sheet."""
        strings, dates, durations, epoch = self.strings, self.dates, self.durations, self.epoch
        columns: dict[str, int] = {}
        number = 0
        try:
            with self._zip.open(sheet.part) as handle:
                for _, element in etree.iterparse(handle, events=("end",), tag=_ROW, **_SAFE):
                    number = int(element.get("r") or number + 1)
                    if number >= first:
                        try:
                            values = _row_values(element, columns, strings, dates, durations, epoch)
                        except (IndexError, ValueError) as error:  # a shared string not there, a bad number
                            raise WorkbookError(f"{sheet.title}, row {number}: {error}") from error
                        if values:
                            yield number, values
                    element.clear()  # and the rows before it: memory stays flat
                    while element.getprevious() is not None:
                        del element.getparent()[0]
        except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, EOFError) as error:
            raise WorkbookError(f"{sheet.title}: {type(error).__name__}: {error}") from error

    def _xml(self, part: str):
        with self._zip.open(part) as handle:
            return etree.parse(handle, etree.XMLParser(**_SAFE)).getroot()

    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """{id: (zip member, type)} of a part's relationships, targets resolved against the part's folder."""
        folder = posixpath.dirname(posixpath.dirname(part))
        found = {}
        for rel in self._xml(part).iter(_RELATIONSHIPS):
            target = rel.get("Target", "")
            member = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found[rel.get("Id")] = (posixpath.normpath(member), rel.get("Type", ""))
        return found

    def _strings(self, part: str | None) -> list[str]:
        if part is None or part not in self._zip.namelist():
            return []
        return [_text_of(item) for item in self._xml(part).iter(MAIN + "si")]

    def _date_styles(self, part: str | None) -> tuple[set[int], set[int]]:
        """(style indexes of dates, of durations), decided on each style's number format as openpyxl does."""
        if part is None or part not in self._zip.namelist():
            return set(), set()
        styles = self._xml(part)
        custom = {
            int(fmt.get("numFmtId", -1)): fmt.get("formatCode", "") for fmt in styles.iter(MAIN + "numFmt")
        }
        dates, durations = set(), set()
        cell_styles = styles.find(MAIN + "cellXfs")
        for index, xf in enumerate(cell_styles if cell_styles is not None else ()):
            number_format = int(xf.get("numFmtId", 0))
            code = custom.get(number_format) or BUILTIN_FORMATS.get(number_format)
            if is_date_format(code):
                dates.add(index)
            if is_timedelta_format(code):
                durations.add(index)
        return dates, durations


def _row_values(row, columns: dict[str, int], strings, dates, durations, epoch) -> list:
    """The row's cells as a list (a missing cell None), each as openpyxl's parse_cell reads it."""
    values: list = []
    for cell in row.iterchildren(_CELL):
        ref = cell.get("r")
        if ref:
            letters = ref.rstrip("0123456789")
            at = columns.get(letters)
            if at is None:
                at = columns[letters] = _column_index(letters)
        else:
            at = len(values)
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            value = _child_text(cell, _INLINE)
        else:
            value = _child_text(cell, _VALUE) or None
            if value is not None:
                value = _typed(value, kind, int(cell.get("s") or 0), strings, dates, durations, epoch)
        if value is None:
            continue
        if at > len(values):
            values.extend([None] * (at - len(values)))
        if at == len(values):
            values.append(value)
        else:
            values[at] = value
    return values


def _typed(value: str, kind: str, style: int, strings, dates, durations, epoch):
    if kind == "s":
        return strings[int(value)]
    if kind == "n":
        number = float(value) if ("." in value or "e" in value or "E" in value) else int(value)
        if style in dates:
            try:
                return from_excel(number, epoch, timedelta=style in durations)
            except (OverflowError, ValueError):
                return "#VALUE!"  # openpyxl's value for a date serial out of range
        return number
    if kind == "b":
        return bool(int(value))
    if kind == "d":
        return from_ISO8601(value)
    return value  # "str" (a formula's text), "e" (an error such as #N/A)


def _child_text(cell, tag: str) -> str | None:
    """The text of the cell's <v>, or of its inline string (<is>); None without one.

    Why a loop over the children: lxml's find() and findtext() go through its path language in Python,
    which made reading a sheet twice as slow."""
    for child in cell:
        if child.tag == tag:
            return child.text if tag == _VALUE else _text_of(child)
    return None


def _text_of(item) -> str:
    """A shared or inline string's text: its own <t> and its runs' (phonetic guides left out)."""
    parts = []
    for child in item:
        if child.tag == _TEXT:
            parts.append(child.text or "")
        elif child.tag == _RUN:
            parts += [inner.text or "" for inner in child if inner.tag == _TEXT]
    return "".join(parts)


def _column_index(letters: str) -> int:
    """'A' -> 0, 'AB' -> 27."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1
