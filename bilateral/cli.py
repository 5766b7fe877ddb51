"""`python -m bilateral COMMAND`: the headless face of the same functions the dashboard uses."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bilateral import export, report_commands, store
from bilateral.errors import BilateralError, RecordError
from bilateral.extract import commands as extract_commands
from bilateral.filters import filter_from_cli
from bilateral.importers import read_record_files
from bilateral.registry import load_actors
from bilateral.stats import summary_stats


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """The filter flags every command shares; their names are the URL query keys too."""
    group = parser.add_argument_group("filters (the same names as the dashboard's URL parameters)")
    group.add_argument("--theme", dest="filter_theme", action="append", metavar="THEME", help="repeatable")
    group.add_argument("--from", dest="filter_from", metavar="YYYY-MM-DD")
    group.add_argument("--to", dest="filter_to", metavar="YYYY-MM-DD")
    group.add_argument("--actor", dest="filter_actor", action="append", metavar="CODE", help="repeatable")
    group.add_argument("--dyad", dest="filter_dyad", action="append", metavar="A-B", help="e.g. CHN-RUS")
    group.add_argument("--event-type", dest="filter_event_type", action="append", metavar="TYPE")
    group.add_argument("--quad", dest="filter_quad", action="append", metavar="1-4")
    group.add_argument("--source", dest="filter_source", action="append", metavar="OUTLET")
    group.add_argument("--text", dest="filter_text", metavar="WORDS", help="in title, summary, evidence")
    group.add_argument("--min-score", dest="filter_min_score", metavar="N")
    group.add_argument("--max-score", dest="filter_max_score", metavar="N")
    group.add_argument("--status", dest="filter_status", choices=["draft", "reviewed"])


def _read_or_report(conn, paths: list[str]):
    """(articles, interactions) of the files, or None after printing each problem, PATH:LINE first."""
    known = {r[0] for r in conn.execute("SELECT id FROM articles")}
    try:
        return read_record_files([Path(p) for p in paths], set(load_actors()), known)
    except RecordError as error:
        for problem in sorted(error.problems, key=lambda p: (p.path, p.line)):
            print(problem)
        return None


def cmd_validate(args) -> int:
    """Exit 0 when every file is valid; else one line per problem, PATH:LINE: field: message."""
    if _read_or_report(store.connect(), args.paths) is None:
        return 1
    print(f"{len(args.paths)} file(s) valid")
    return 0


def cmd_import(args) -> int:
    """All or nothing: any invalid record in any file adds nothing."""
    conn = store.connect()
    records = _read_or_report(conn, args.paths)
    if records is None:
        print("nothing imported: fix the lines above and run the import again")
        return 1
    print(store.add_records(conn, *records))
    return 0


def cmd_export_data(args) -> int:
    """Write the filtered records as JSONL (re-importable) or CSV (formulas neutralised)."""
    interactions, articles = store.load_filtered(store.connect(), filter_from_cli(args))
    data = (
        export.records_csv(interactions)
        if args.format == "csv"
        else export.records_jsonl(interactions, articles)
    )
    Path(args.output).write_bytes(data)
    print(f"wrote {len(interactions)} interactions to {args.output}")
    return 0


def cmd_stats(args) -> int:
    """Counts of the filtered records, as text or one JSON object."""
    interactions, articles = store.load_filtered(store.connect(), filter_from_cli(args))
    stats = summary_stats(interactions, articles)
    if args.json:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
        return 0
    period = f"{stats['date_min']} to {stats['date_max']}"
    print(f"{stats['articles']} articles, {stats['interactions']} interactions, {period}")
    for key in ("by_theme", "by_quad_class", "by_event_type", "by_dyad", "by_year"):
        top = sorted(stats[key].items(), key=lambda kv: -kv[1])[:12]
        print(f"{key.removeprefix('by_')}: " + ", ".join(f"{k} {v}" for k, v in top))
    return 0


def cmd_init(args) -> int:
    """Create, migrate and seed the database if needed, and say what it holds."""
    conn = store.connect()
    articles, interactions = (
        conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("articles", "interactions")
    )
    holds = f"{articles} articles, {interactions} interactions"
    print(f"database {store.database_path()}: schema {store.schema_version(conn)}, {holds}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    parser = argparse.ArgumentParser(prog="python -m bilateral", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = commands.add_parser("init", help="create and seed the database from data/ if needed")
    p.set_defaults(func=cmd_init)
    p = commands.add_parser("validate", help="check record files (JSONL/CSV); exit 1 naming each bad line")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=cmd_validate)
    p = commands.add_parser("import", help="add record files to the database, all or nothing")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=cmd_import)
    p = commands.add_parser("export-data", help="write the filtered records as JSONL or CSV")
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    add_filter_arguments(p)
    p.set_defaults(func=cmd_export_data)
    p = commands.add_parser("stats", help="counts of the filtered records")
    p.add_argument("--json", action="store_true", help="one JSON object")
    add_filter_arguments(p)
    p.set_defaults(func=cmd_stats)
    extract_commands.register(commands)
    report_commands.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; a BilateralError is printed as `error: ...` with exit code 1."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BilateralError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
