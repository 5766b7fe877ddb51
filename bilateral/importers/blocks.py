"""Record files read a block of lines at a time: JSONL parsed in C and validated column by column.

Why: at a million rows, `json.loads` and one pydantic model per line cost ~20 µs a row, five times the
import's budget. A block of JSONL lines is parsed by pyarrow's JSON reader (C, on its own threads) into
columns typed from the declarations, and validated by bilateral.model.columns (each distinct value once,
by the declaration itself). Any line that path cannot judge alone (a parse error anywhere in the block, an
explicit null, nested interactions, a refused value) goes down the per-line path of bilateral.model.files,
so every message stays word for word. CSV files take the per-line path throughout.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pj

from bilateral.errors import FileFormatError, Problem
from bilateral.model import Article, Interaction, QuadClass
from bilateral.model.columns import BlockValidator
from bilateral.model.fields import base_type
from bilateral.model.files import (
    EXTRA_COLUMNS,
    JSON_SUFFIXES,
    iter_raw_records,
    json_array_error,
    jsonl_record,
    records_of,
    unknown_keys,
)
from bilateral.store.writes import article_row, interaction_row

BLOCK_LINES = 20_000
ARTICLE_FIELDS = tuple(Article.model_fields)
INTERACTION_FIELDS = tuple(Interaction.model_fields)
_BOM = b"\xef\xbb\xbf"
# The C allocator gives a parsed chunk's memory back; pyarrow's default pool kept ~50 MB more at 1M rows.
_POOL = pa.system_memory_pool()


@dataclass
class Block:
    """The records of a block of lines, as store rows without their revision: (line, values in the
    declaration's field order, themes joined by ';', a blank URL as None), and the problems found."""

    path: str = ""
    articles: list[tuple[int, tuple]] = field(default_factory=list)
    interactions: list[tuple[int, tuple]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    read: int = 0


def _arrow_type(annotation) -> pa.DataType:
    base = base_type(annotation)
    if (isinstance(base, type) and issubclass(base, QuadClass)) or base is int:
        return pa.int64()
    if base is float:
        return pa.float64()
    if getattr(base, "__origin__", None) is tuple:
        return pa.list_(pa.string())
    return pa.string()


def _arrow_schema() -> pa.Schema:
    """Every field of both declarations with the type its values must have (dates stay text), and the
    exports' state dyad, read and left: any other key fails the parse, and its lines go the per-line way,
    which names it (model.files.unknown_columns)."""
    fields = {**Article.model_fields, **Interaction.model_fields}
    declared = [(name, _arrow_type(info.annotation)) for name, info in fields.items()]
    read_and_left = [(name, pa.string()) for name in sorted(EXTRA_COLUMNS) if name != "interactions"]
    return pa.schema([*declared, *read_and_left])  # "interactions" lines go the per-line way


class BlockReader:
    """Reads record files into Blocks; keeps the column validators (and their memory of values) per import."""

    def __init__(self, known_actors: Collection[str] | None):
        self.known_actors = known_actors
        self.articles = BlockValidator(Article)
        self.interactions = BlockValidator(
            Interaction, {"known_actors": known_actors}, store_forms={"themes": ";".join}
        )
        self.parse_options = pj.ParseOptions(
            explicit_schema=_arrow_schema(), unexpected_field_behavior="error"
        )
        self.read_options = pj.ReadOptions(block_size=1 << 20, use_threads=True)
        self.unknown: dict[str, set[str]] = {}  # per file: the unknown keys already reported

    @staticmethod
    def reads_in_c(paths: Collection[Path]) -> bool:
        """True when every file is JSONL, whose blocks pyarrow parses without holding Python's lock.

        Why it matters: reading on a second thread pays only then. A CSV or a workbook is read line by line
        in Python, and the writer, which takes the lock back for every row it binds, waited for the reader's
        turn each time: a 100,000-record workbook took 59 s read ahead and 45 s read in turn."""
        return all(Path(p).suffix.lower() in JSON_SUFFIXES for p in paths)

    def blocks(self, path: Path) -> Iterator[Block]:
        """The Blocks of one file, in order."""
        path = Path(path)
        if path.suffix.lower() not in JSON_SUFFIXES:
            yield from self._record_blocks(path)
            return
        for first, data in _jsonl_chunks(path):
            if first == 1 and data.lstrip().startswith(b"["):
                raise json_array_error(path, 1 + data[: len(data) - len(data.lstrip())].count(b"\n"))
            yield self._jsonl_block(path, first, data)

    def _record_blocks(self, path: Path) -> Iterator[Block]:
        """A CSV or XLSX (or any) file through the per-line path, a block at a time (one sheet a block)."""
        block = Block(str(path))
        for where, number, raw, problem in iter_raw_records(path):
            if where != block.path or block.read >= BLOCK_LINES:
                if block.read or block.problems:
                    yield block
                block = Block(where)
            self._one(block, where, number, raw, problem)
        yield block

    def _jsonl_block(self, path: Path, first: int, data: bytes) -> Block:
        """The records of a chunk of whole lines whose first line is number `first`."""
        block = Block(str(path))
        lines = _Lines(path, first, data)
        slow = lines.marked(b"null", b'"interactions"')
        fast = lines.numbers if not slow else lines.numbers[~np.isin(lines.numbers, list(slow))]
        table = self._parse(data if not slow else lines.joined(fast)) if len(fast) else None
        if table is None or table.num_rows != len(fast):
            slow, table = set(lines.numbers.tolist()), None
        if table is not None:
            table = table.append_column("__line", pa.array(fast, pa.int64()))
            has_article = pc.is_valid(table.column("article_id"))
            slow |= self._validated(block, table.filter(pc.invert(has_article)), False)
            slow |= self._validated(block, table.filter(has_article), True)
        if slow:
            seen = self.unknown.setdefault(str(path), set())
            for number in sorted(slow):
                text = lines.text(number)
                if text.strip():
                    found = jsonl_record(path, number, text)
                    if found[1] is not None:
                        block.problems += unknown_keys(path, number, found[1], seen)
                    self._one(block, path, *found)
            block.articles.sort(key=lambda row: row[0])
            block.interactions.sort(key=lambda row: row[0])
        return block

    def _parse(self, data: bytes) -> pa.Table | None:
        try:
            return pj.read_json(
                io.BytesIO(data),
                read_options=self.read_options,
                parse_options=self.parse_options,
                memory_pool=_POOL,
            )
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return None

    def _validated(self, block: Block, table: pa.Table, interactions: bool) -> set[int]:
        """Adds the rows the column path accepts to the block; returns the lines it could not judge."""
        n = table.num_rows
        if n == 0:
            return set()
        validator, names = (
            (self.interactions, INTERACTION_FIELDS) if interactions else (self.articles, ARTICLE_FIELDS)
        )
        lines = table.column("__line").to_pylist()
        sample = [{k: v for k, v in row.items() if v is not None} for row in table.slice(0, 8).to_pylist()]
        base = validator.base_for(sample)
        if base is None:
            return set(lines)
        outputs, ok = validator.validate(table.select(names), base)
        target = block.interactions if interactions else block.articles
        if all(ok):
            target.extend(zip(lines, zip(*outputs, strict=True), strict=True))
            block.read += n
            return set()
        failed = set()
        for line, flag, values in zip(lines, ok, zip(*outputs, strict=True), strict=True):
            if flag:
                target.append((line, values))
            else:
                failed.add(line)
        block.read += n - len(failed)
        return failed

    def _one(
        self, block: Block, path: Path | str, number: int, raw: dict | None, problem: Problem | None
    ) -> None:
        """One record (and an article's nested interactions) through the per-line path."""
        if problem:
            block.read += 1
            block.problems.append(problem)
            return
        for record, found in records_of(raw, str(path), number, self.known_actors):
            block.read += 1
            self._add(block, number, record, found)

    @staticmethod
    def _add(block: Block, number: int, record, problems: list[Problem]) -> None:
        if problems:
            block.problems += problems
        elif record is not None:
            target = block.articles if isinstance(record, Article) else block.interactions
            target.append((number, stored_values(record)))


def stored_values(record: Article | Interaction) -> tuple:
    """A record's values as its table row holds them (store.writes), in field order, without the revision."""
    if isinstance(record, Article):
        row = article_row(record, 0)
        return tuple(row[name] for name in ARTICLE_FIELDS)
    row = interaction_row(record, record.article_id, 0)
    return tuple(row[name] for name in INTERACTION_FIELDS)


CHUNK_BYTES = 8 << 20


def _jsonl_chunks(path: Path) -> Iterator[tuple[int, bytes]]:
    """(number of its first line, bytes) of chunks of whole lines of a file, about CHUNK_BYTES each."""
    try:
        with path.open("rb") as handle:
            first, rest = 1, b""
            while piece := handle.read(CHUNK_BYTES):
                if first == 1 and not rest and piece.startswith(_BOM):
                    piece = piece[len(_BOM) :]
                data = rest + piece
                cut = data.rfind(b"\n") + 1
                if cut == 0:
                    rest = data
                    continue
                data, rest = data[:cut], data[cut:]
                yield first, data
                first += data.count(b"\n")
            if rest:
                yield first, rest
    except OSError as error:
        raise FileFormatError(f"{path}: cannot be read ({error})") from error


# What bytes.strip() takes away: a line of these only is blank.
_WHITESPACE = np.frombuffer(b" \t\n\r\x0b\x0c", np.uint8)


class _Lines:
    """The lines of a chunk: where each starts and ends, and the numbers of those that are not blank."""

    def __init__(self, path: Path, first: int, data: bytes):
        _check_utf8(path, first, data)
        self.data, self.first = data, first
        buffer = np.frombuffer(data, np.uint8)
        ends = np.flatnonzero(buffer == 10)
        if not data.endswith(b"\n"):
            ends = np.append(ends, len(data))
        self.starts = np.concatenate(([0], ends[:-1] + 1))
        self.ends = ends
        # A line that starts with anything but white space is not blank; only the others are looked at.
        leading = np.append(buffer, np.uint8(10))[self.starts]
        filled = ~np.isin(leading, _WHITESPACE)
        for index in np.flatnonzero(~filled):
            filled[index] = bool(data[self.starts[index] : ends[index]].strip())
        self.numbers = first + np.flatnonzero(filled)

    def marked(self, *needles: bytes) -> set[int]:
        """Numbers of the lines holding any of the needles."""
        found = set()
        for needle in needles:
            at = self.data.find(needle)
            while at != -1:
                index = int(np.searchsorted(self.ends, at))
                found.add(self.first + index)
                at = self.data.find(
                    needle, int(self.ends[index]) if index < len(self.ends) else len(self.data)
                )
        return found

    def joined(self, numbers: np.ndarray) -> bytes:
        """The given lines, each ending with a new line."""
        return b"\n".join(self.data[self.starts[n - self.first] : self.ends[n - self.first]] for n in numbers)

    def text(self, number: int) -> str:
        index = number - self.first
        return self.data[self.starts[index] : self.ends[index]].decode("utf-8")


def _check_utf8(path: Path, first: int, data: bytes) -> None:
    """FileFormatError naming the first line of the chunk that is not UTF-8 text."""
    if data.isascii():
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = first + data.count(b"\n", 0, error.start)
        raise FileFormatError(f"{path}:{line}: is not UTF-8 text ({error.reason})") from error
