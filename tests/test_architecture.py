"""The shape of the code: logic without Streamlit, no import cycles, the filter table drives everything,
and no module reads all interactions into pandas."""

import argparse
import ast
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bilateral.filters import FIELDS, Filter, add_filter_arguments, filter_from_cli, filter_from_query, where
from ui.sidebar import widget_key

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bilateral"


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports_of(path: Path, known: set[str]) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" for a in node.names]
            out |= {n for n in names if n in known} or ({node.module} & known)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name in known}
    return out


def test_the_package_never_imports_streamlit():
    for name, path in modules().items():
        assert not re.search(r"^\s*(import|from) streamlit", path.read_text(), re.M), name


def test_no_import_cycles_between_modules():
    known = modules()
    graph = {name: imports_of(path, set(known)) - {name} for name, path in known.items()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1 and not (node.startswith(nxt + ".") or nxt.startswith(node + ".")):
                pytest.fail("import cycle: " + " -> ".join([*trail, node, nxt]))
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for name in graph:
        if name not in state:
            visit(name, [])


def test_no_module_reads_every_interaction_into_pandas():
    """Page queries return small frames; an unbounded SELECT of rows is only the chunked export iterator."""
    for name, path in modules().items():
        source = path.read_text()
        assert "read_sql" not in source, name
        for match in re.finditer(r'SELECT \* FROM rows WHERE \{clause\}[^"]*"', source):
            tail = source[match.start() : match.start() + 400]
            assert "LIMIT" in match.group(0) or "fetch_df_chunk" in tail, (name, match.group(0))


def test_every_filter_field_drives_url_cli_sql_and_sidebar(app_db):
    """One entry in bilateral/filters/fields.py is all a new filter needs: each of these follows from it."""
    parser = argparse.ArgumentParser()
    add_filter_arguments(parser)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    for f in FIELDS:
        assert hasattr(Filter(), f.attr), f.key
        assert f.flag in parser._option_string_actions, f.key
        assert widget_key(f) in at.session_state, f.key
    modality = next(f for f in FIELDS if f.key == "modality")
    flt, notes = filter_from_query({"modality": ["commentary"]})
    assert notes == [] and flt.to_query() == {"modality": ["commentary"]}
    assert where(flt) == ("modality = ?", ["commentary"])  # one value: an equality (filters.one_of)
    assert filter_from_cli(parser.parse_args([modality.flag, "commentary"])) == flt
    assert flt.describe() == "commentary"
