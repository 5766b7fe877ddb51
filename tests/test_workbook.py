"""The workbook reader (bilateral.model.workbook) gives the values openpyxl's read-only mode gives, cell for
cell, for workbooks as openpyxl and XlsxWriter write them: strings inline (openpyxl, and XlsxWriter's
constant-memory mode, our export) or in the shared table (XlsxWriter otherwise, as Excel saves them)."""

from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest
import xlsxwriter
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from bilateral.errors import FileFormatError
from bilateral.model.files import iter_raw_records
from bilateral.model.workbook import Workbook, WorkbookError

HEADER = ["id", "text", "number", "when", "flag"]
ROWS = [
    ["i-1", "plain text", 5, dt.datetime(2024, 2, 8), True],
    ["i-2", "'=1+1 is text here", -2.5, dt.datetime(2024, 2, 9, 14, 30), False],
    ["i-3", "ünïcode — and <angle> & ampersand", 1e-7, dt.date(1999, 12, 31), None],
    ["i-4", None, 12345678901, dt.time(6, 15), "text in a flag column"],
    [None, None, None, None, None],  # an empty row between rows
    ["i-6", "  spaces kept  ", 0, dt.datetime(1900, 1, 1), True],
]


def _openpyxl_rows(path) -> list[tuple[int, list]]:
    """(row, values) as the importer used to read them: openpyxl read-only, data only, trailing Nones cut,
    empty rows left out."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    found = []
    for sheet in book.worksheets:
        rows = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            values = list(values)
            while values and values[-1] is None:
                values.pop()
            if values:
                rows.append((number, values))
        found.append((sheet.title, rows))
    book.close()
    return found


def _our_rows(path) -> list[tuple[str, list]]:
    with Workbook(path) as book:
        return [(sheet.title, list(book.rows(sheet))) for sheet in book.sheets]


def _openpyxl_book(path, epoch=None) -> None:
    book = openpyxl.Workbook()
    if epoch:
        book.epoch = epoch
    sheet = book.active
    sheet.title = "Records"
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    sheet["B8"] = CellRichText(["rich ", TextBlock(InlineFont(b=True), "bold"), " text"])
    sheet["E8"] = "a cell after a gap"
    sheet["C9"] = "=C2*2"  # a formula without a cached value: None, as openpyxl reads it
    sheet["D9"] = dt.timedelta(hours=30)
    sheet["D9"].number_format = "[h]:mm:ss"
    book.create_sheet("Notes").append(["who", "what"])
    book.save(path)


def _xlsxwriter_book(path, shared: bool = False) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": not shared, "strings_to_numbers": False})
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet("Records")
    sheet.write_row(0, 0, HEADER)
    for r, row in enumerate(ROWS, start=1):
        for c, value in enumerate(row):
            if isinstance(value, dt.date | dt.time):
                sheet.write_datetime(r, c, value, dates)
            elif value is not None:
                sheet.write(r, c, value)
    sheet.write_rich_string(7, 1, "rich ", book.add_format({"bold": True}), "bold", " text")
    sheet.write_formula(8, 2, "=C2*2", None, 10)  # a cached value, which data-only readers give
    chart = book.add_chart({"type": "column"})
    chart.add_series({"values": "=Records!$C$2:$C$4"})
    book.add_chartsheet("Chart").set_chart(chart)  # a chart sheet holds no cells: not a sheet to read
    book.close()


@pytest.mark.parametrize("writer", ["openpyxl", "openpyxl-1904", "xlsxwriter", "xlsxwriter-shared"])
def test_cells_read_as_openpyxl_reads_them(tmp_path, writer):
    path = tmp_path / f"{writer}.xlsx"
    if writer.startswith("xlsxwriter"):
        _xlsxwriter_book(path, shared=writer.endswith("shared"))
        with zipfile.ZipFile(path) as book:
            assert ("xl/sharedStrings.xml" in book.namelist()) == writer.endswith("shared")
    else:
        _openpyxl_book(path, epoch=openpyxl.utils.datetime.CALENDAR_MAC_1904 if "1904" in writer else None)
    ours, theirs = _our_rows(path), _openpyxl_rows(path)
    assert ours == theirs
    assert [title for title, _ in ours] == (["Records"] if "xlsxwriter" in writer else ["Records", "Notes"])
    records = dict(ours)["Records"]
    assert records[0] == (1, HEADER)
    assert records[1][1][3] == dt.datetime(2024, 2, 8)  # a date cell, told by its number format
    assert [number for number, _ in records] == [1, 2, 3, 4, 5, 7, 8, 9]  # the empty row is no row


def test_records_of_a_workbook_name_their_sheet_and_row(tmp_path):
    """Through the record reader: each cell as a CSV cell holds it (a day for a date, no '.0' on a whole
    number, the ' of the exports taken away), the rows numbered as Excel shows them, past an empty one."""
    path = tmp_path / "book.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Interactions")
    sheet.write_row(
        0, 0, ["article_id", "date", "actor1", "actor2", "event_type", "themes", "score", "evidence"]
    )
    sheet.write_row(1, 0, ["a-1", "2024-02-08", "CHN", "RUS", "CONSULT", "diplomacy", 2.0, "'-5% a year"])
    sheet.write_row(3, 0, ["a-1", None, "RUS", "CHN", "AGREE", "energy", 4.5, "Talks."])
    sheet.write_datetime(3, 1, dt.datetime(2024, 2, 9), book.add_format({"num_format": "dd/mm/yyyy"}))
    book.close()
    found = [(where, line, raw) for where, line, raw, _ in iter_raw_records(path)]
    where = f"{path}!Interactions"
    assert found == [
        (where, 2, {"article_id": "a-1", "date": "2024-02-08", "actor1": "CHN", "actor2": "RUS",
                    "event_type": "CONSULT", "themes": "diplomacy", "score": "2", "evidence": "-5% a year"}),
        (where, 4, {"article_id": "a-1", "date": "2024-02-09", "actor1": "RUS", "actor2": "CHN",
                    "event_type": "AGREE", "themes": "energy", "score": "4.5", "evidence": "Talks."}),
    ]  # fmt: skip


def test_a_damaged_workbook_is_named(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a zip at all")
    with pytest.raises(WorkbookError):
        Workbook(broken)
    with pytest.raises(FileFormatError, match=r"broken\.xlsx: not a readable Excel workbook"):
        list(iter_raw_records(broken))

    good = tmp_path / "good.xlsx"
    _openpyxl_book(good)
    cut = tmp_path / "cut.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(cut, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # the sheet's XML cut mid-row
            target.writestr(name, data)
    with Workbook(cut) as book, pytest.raises(WorkbookError, match="Records"):
        list(book.rows(book.sheets[0]))


def test_no_entity_of_a_workbook_is_expanded(tmp_path):
    """A workbook is untrusted: an entity its XML defines (the 'billion laughs' kind) stays unexpanded."""
    good = tmp_path / "good.xlsx"
    _xlsxwriter_book(good)
    hostile = tmp_path / "hostile.xlsx"
    declaration = b'<!DOCTYPE worksheet [<!ENTITY big "' + b"x" * 1000 + b'">]>'
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(hostile, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                assert data.startswith(b"<?xml") and b"plain text" in data
                data = data.replace(b"?>", b"?>" + declaration, 1).replace(b"plain text", b"&big;")
            target.writestr(name, data)
    with Workbook(hostile) as book:
        texts = [str(values[1]) for _, values in book.rows(book.sheets[0]) if len(values) > 1]
    assert texts and not any("x" * 1000 in text for text in texts)


def test_a_cell_that_cannot_be_read_names_its_sheet_and_row(tmp_path):
    """A shared string the table does not hold, or a number that is none: a named error, no traceback."""
    good = tmp_path / "good.xlsx"
    _xlsxwriter_book(good, shared=True)
    with zipfile.ZipFile(good) as source:
        sheet = source.read("xl/worksheets/sheet1.xml")
    assert b'<c r="A3" t="s"><v>' in sheet
    value = sheet.index(b"<v>", sheet.index(b'<c r="A3"'))
    end = sheet.index(b"</v>", value) + len(b"</v>")
    for bad in (b"<v>99999</v>", b"<v>x1</v>"):
        broken = tmp_path / "broken.xlsx"
        with zipfile.ZipFile(good) as source, zipfile.ZipFile(broken, "w") as target:
            for name in source.namelist():
                data = sheet[:value] + bad + sheet[end:] if name.endswith("sheet1.xml") else source.read(name)
                target.writestr(name, data)
        with Workbook(broken) as book, pytest.raises(WorkbookError, match=r"^Records, row 3: "):
            list(book.rows(book.sheets[0]))
