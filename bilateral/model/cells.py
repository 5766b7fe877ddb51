"""Spreadsheet cells: text made safe to open (a leading ' before a formula's first character), and read back.

Why in the model: the exports write cells this way (bilateral.export.tables) and the record readers
(bilateral.model.files) take the ' away again, so a record exported to CSV or XLSX imports as it was.
"""

from __future__ import annotations

# Cells a spreadsheet would run as a formula start with one of these (OWASP's CSV-injection list).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text that cannot run as a spreadsheet formula: a leading ' is added where it could."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def cell_as_written(value):
    """The text safe_cell was given: its ' taken away again where safe_cell would have added it."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value
