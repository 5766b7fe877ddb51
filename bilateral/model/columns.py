"""Column-wise validation of a block of raw records against the one declaration, for bulk imports.

Why: one pydantic model per row costs about 10 µs, and a million-row file repeats a few thousand values in
most columns (dates, actors, event types, themes, scores). Here each distinct value is validated once and
mapped back to its rows. No rule is written here: every value goes through the declaration itself, either
the field's own annotated type (for a field that no decorator or rule of the whole record reads) or the
whole model, with the value, or the combination of a group's values (`cross_field_groups`), set into a
record of the same block known to be valid. A text value that matches its rule's `unchanged` pattern
(bilateral.model.fields) is passed through, since the rule would return it as it is. A row with any value
that fails is not judged here: the caller sends it down the per-row path, which gives the exact messages.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, TypeAdapter, ValidationError

FAIL = object()
"""A value the declaration refused (the row goes down the per-row path)."""

MEMO_LIMIT = 200_000
"""Distinct values remembered per field across blocks (dates, actors, scores...); beyond it, forgotten."""


def json_form(value: Any) -> Any:
    """A validated value as model_dump(mode="json") gives it: enums by value, tuples as lists."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [json_form(v) for v in value]
    return value


def _key(value: Any):
    """A hashable key for a raw value (lists become tagged tuples)."""
    if isinstance(value, list):
        return ("list", tuple(_key(v) for v in value))
    return value


def _unchanged_pattern(info) -> str | None:
    """The pattern of values the field's only rule returns unchanged, when it has one."""
    rules = [m for m in info.metadata if hasattr(m, "func")]
    if len(rules) != 1:
        return None
    return getattr(rules[0].func, "unchanged", None)


class BlockValidator:
    """Validates blocks (pyarrow tables) of raw records of one kind, column by column, by its declaration.

    `store_forms` turn a field's validated JSON value into the form the store keeps (themes joined...)."""

    def __init__(
        self,
        model: type[BaseModel],
        context: dict | None = None,
        store_forms: dict[str, Callable[[Any], Any]] | None = None,
    ):
        self.model, self.context = model, context
        self.fields = list(model.model_fields)
        self.store_forms = store_forms or {}
        groups = tuple(getattr(model, "cross_field_groups", ()))
        grouped = {name for group in groups for name in group}
        decorators = model.__pydantic_decorators__.field_validators.values()
        decorated = {name for d in decorators for name in d.info.fields}
        self.blank_reads_others = set(getattr(model, "blank_reads_others", ()))
        plain = [n for n in self.fields if n not in grouped and n not in decorated]
        self.adapters = {n: TypeAdapter(model.model_fields[n].rebuild_annotation()) for n in plain}
        self.patterns = {n: p for n in plain if (p := _unchanged_pattern(model.model_fields[n]))}
        self.units: list[tuple[str, ...]] = [(n,) for n in self.fields if n not in grouped] + list(groups)
        self.memo: dict[tuple[str, ...], dict] = {unit: {} for unit in self.units}

    def base_for(self, rows: list[dict]) -> dict | None:
        """The first of a few rows that the declaration accepts whole: the record values are set into."""
        for raw in rows[:8]:
            try:
                self.model.model_validate(raw, context=self.context)
            except ValidationError:
                continue
            return raw
        return None

    def validate(self, table: pa.Table, base: dict) -> tuple[list[list], bytearray]:
        """(one column of store values per field, in declaration order; ok flag per row).

        A row whose flag is 0 has a value the declaration refused, or one this path cannot judge alone."""
        n = table.num_rows
        ok = bytearray(b"\x01") * n
        out: dict[str, list] = {}
        names = set(table.column_names)
        for unit in self.units:
            arrays = [table.column(f).combine_chunks() if f in names else pa.nulls(n) for f in unit]
            if len(unit) == 1 and unit[0] in self.patterns:
                outputs = self._passed_through(unit[0], arrays[0], base, ok)
            else:
                outputs = self._by_distinct(unit, arrays, base, ok)
            out.update(zip(unit, outputs, strict=True))
        derived_id = getattr(self.model, "derived_id", None)
        if derived_id is not None:
            ids = out["id"]
            for i, value in enumerate(ids):
                if value is None and ok[i]:
                    ids[i] = derived_id({name: out[name][i] for name in self.fields})
        return [out[name] for name in self.fields], ok

    def _passed_through(self, name: str, array: pa.Array, base: dict, ok: bytearray) -> list[list]:
        """Values matching the rule's unchanged pattern as they are; the others by distinct value."""
        matched = pc.fill_null(pc.match_substring_regex(array, self.patterns[name]), False)
        values = array.to_pylist()
        rest = pc.indices_nonzero(pc.invert(matched))
        if len(rest) == 0:
            return [values]
        (checked,) = self._by_distinct((name,), [array.take(rest)], base, None)
        rest_rows = rest.to_pylist()
        for i, value in zip(rest_rows, checked, strict=True):
            values[i] = value
            if value is FAIL:
                ok[i] = 0
        return [values]

    def _by_distinct(self, unit: tuple[str, ...], arrays: list[pa.Array], base: dict, ok) -> list[list]:
        """Each distinct value (or combination of a group's values) validated once and mapped to its rows."""
        if all(a.null_count == len(a) for a in arrays):  # a field absent from the whole block
            (found,) = self._remembered_all(unit, [(None,) * len(unit)], base)
            if found is FAIL:
                if ok is not None:
                    ok[:] = bytes(len(ok))
                return [[FAIL] * len(arrays[0]) for _ in unit]
            return [[value] * len(arrays[0]) for value in found]
        codes, distinct = _combination_codes(arrays)
        outputs = self._remembered_all(unit, distinct, base)
        failed = [i for i, o in enumerate(outputs) if o is FAIL]
        if failed and ok is not None:
            for row in pc.indices_nonzero(pc.is_in(codes, pa.array(failed, pa.int64()))).to_pylist():
                ok[row] = 0
        return [
            _mapped([FAIL if o is FAIL else o[position] for o in outputs], codes)
            for position in range(len(unit))
        ]

    def _remembered_all(self, unit: tuple[str, ...], distinct: list[tuple], base: dict) -> list:
        """_check of each of a block's distinct values, remembered per unit across blocks (a million rows
        hold a few thousand distinct values), the known ones looked up in one pass.

        Why: a block repeats the dates, actor pairs and event codes of the blocks before it; one call per
        value cost ~1 s of a 1M-row import's reading (0.75M calls), almost all of it finding values known."""
        memo = self.memo[unit]
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        keys = [v if len(v) > 1 or type(v[0]) is not list else (_key(v[0]),) for v in distinct]
        found = list(map(memo.get, keys))
        for i, value in enumerate(found):
            if value is None:
                found[i] = memo[keys[i]] = self._check(unit, distinct[i], base)
        return found

    def _check(self, unit: tuple[str, ...], values: tuple, base: dict):
        """The unit's store values, or FAIL: a plain field's non-blank value through its own type, anything
        else set into the base record and validated whole (so the record's defaults and rules apply)."""
        name = unit[0]
        value = values[0]
        blank = value is None or (isinstance(value, str) and not value.strip())
        if len(unit) == 1 and name in self.adapters and not blank:
            try:
                return (self._store(name, self.adapters[name].validate_python(value)),)
            except ValidationError:
                return FAIL
        if len(unit) == 1 and blank and name in self.blank_reads_others:
            return FAIL
        if unit == ("id",) and blank and hasattr(self.model, "derived_id"):
            return (None,)  # derived per row from the row's own values (see validate)
        record = dict(base)
        for field, raw in zip(unit, values, strict=True):
            if raw is None:
                record.pop(field, None)
            else:
                record[field] = raw
        try:
            validated = self.model.model_validate(record, context=self.context)
        except ValidationError:
            return FAIL
        return tuple(self._store(field, getattr(validated, field)) for field in unit)

    def _store(self, name: str, value: Any) -> Any:
        value = json_form(value)
        form = self.store_forms.get(name)
        return form(value) if form else value


def _mapped(per_code: list, codes: pa.Array) -> list:
    """The value of each row's code: in C when the values share one plain type, else in Python."""
    kinds = {type(v) for v in per_code if v is not None}
    if len(kinds) <= 1 and kinds <= {str, int, float}:
        return pa.array(per_code).take(codes).to_pylist()
    return [per_code[c] for c in codes.to_pylist()]


def _combination_codes(arrays: list[pa.Array]) -> tuple[pa.Array, list[tuple]]:
    """(per row, the code of its combination of values; per code, the values), nulls included as None."""
    combined = None
    dictionaries = []
    for array in arrays:
        if pa.types.is_list(array.type):
            indices, dictionary = _list_encoded(array)
        else:
            encoded = pc.dictionary_encode(array)
            dictionary = [*encoded.dictionary.to_pylist(), None]
            indices = pc.fill_null(encoded.indices.cast(pa.int64()), len(dictionary) - 1)
        dictionaries.append(dictionary)
        combined = indices if combined is None else pc.add(pc.multiply(combined, len(dictionary)), indices)
    if len(arrays) == 1:
        return combined, [(v,) for v in dictionaries[0]]
    encoded = pc.dictionary_encode(combined)
    codes = encoded.dictionary.to_numpy(zero_copy_only=False).astype(np.int64)
    columns = []
    for dictionary in reversed(dictionaries):  # the codes' digits, last field first
        codes, index = np.divmod(codes, len(dictionary))
        columns.append(_objects(dictionary)[index])
    return encoded.indices.cast(pa.int64()), list(zip(*reversed(columns), strict=True))


def _objects(values: list) -> np.ndarray:
    """The values as a 1-D array of Python objects, lists kept whole (np.array, or a slice assignment, would
    make a 2-D array of lists of one length)."""
    out = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        out[i] = value
    return out


_SEPARATOR = "\x1f"


def _list_encoded(array: pa.Array) -> tuple[pa.Array, list]:
    """(codes, distinct values) of a list-of-text column: hash kernels take no lists, so each list is
    joined by a separator no item contains (else keyed in Python)."""
    items = pc.list_flatten(array)
    if pa.types.is_string(items.type) and not pc.any(pc.match_substring(items, _SEPARATOR)).as_py():
        encoded = pc.dictionary_encode(pc.binary_join(array, _SEPARATOR))
        dictionary = [
            None if v is None else v.split(_SEPARATOR) if v else [] for v in encoded.dictionary.to_pylist()
        ]
        dictionary.append(None)
        return pc.fill_null(encoded.indices.cast(pa.int64()), len(dictionary) - 1), dictionary
    index: dict = {}
    distinct: list = []
    codes = []
    for value in array.to_pylist():
        key = _key(value)
        code = index.get(key)
        if code is None:
            code = index[key] = len(distinct)
            distinct.append(value)
        codes.append(code)
    return pa.array(codes, pa.int64()), distinct
