"""The named errors of Bilateral: each carries a message a person can act on.

Pages show them with st.error; the CLI prints them and exits non-zero.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one record: where it is (file, line, field) and what is wrong."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def driver_reason(error: Exception) -> str:
    """The database driver's own message of a failed statement, in one line.

    Why: SQLAlchemy's message adds the statement, its parameters and a "Background on this error" link;
    the analyst needs only what the database said ("file is not a database", "UNIQUE constraint failed")."""
    return str(getattr(error, "orig", None) or error).splitlines()[0]


class BilateralError(Exception):
    """Base of every error Bilateral raises on purpose."""


class RecordError(BilateralError):
    """One or more records are invalid; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        head = "\n".join(str(p) for p in self.problems[:20])
        more = f"\n... and {len(self.problems) - 20} more" if len(self.problems) > 20 else ""
        fields = f"{len(self.problems)} invalid record field{'' if len(self.problems) == 1 else 's'}"
        super().__init__(f"{fields}; nothing was written:\n{head}{more}")


class FileFormatError(BilateralError):
    """A file cannot be read as any format Bilateral knows."""


class StoreError(BilateralError):
    """The database cannot be opened, migrated or written."""


class FilterError(BilateralError):
    """A filter value (CLI flag or URL parameter) is not valid."""


class ExportError(BilateralError):
    """A chart or report cannot be exported; the message says what to install or change."""


class ExtractError(BilateralError):
    """The extractor cannot run: a lexicon file is missing or wrong, or the input cannot be read."""
