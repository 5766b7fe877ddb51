"""`python -m bilateral COMMAND`: the headless face of the same functions the dashboard uses."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import getpass
import json
import logging
import sys
from pathlib import Path

from bilateral import auth, export, store
from bilateral.analysis import commands as watch_commands
from bilateral.analysis import mirror_session, summary
from bilateral.analysis.row_queries import OLDEST, RECORD_ORDERS
from bilateral.bench import commands as bench_commands
from bilateral.errors import BilateralError, FileFormatError, RecordError
from bilateral.extract import commands as extract_commands
from bilateral.filters import add_filter_arguments, filter_from_cli
from bilateral.importers.dispatch import FIELD, check_files, file_kind
from bilateral.importers.field import import_field_files
from bilateral.importers.formats import FORMATS
from bilateral.importers.stream import Progress, import_files
from bilateral.importers.update import update_gdelt
from bilateral.memory import release_memory
from bilateral.model import QuadClass, Theme
from bilateral.model.files import advice
from bilateral.registry import load_actors
from bilateral.report import commands as report_commands
from bilateral.store import backup as store_backup
from bilateral.wording import count_noun

__all__ = ["add_filter_arguments", "build_parser", "main"]


def _import(paths: list[str], dry_run: bool, quiet: bool = False):
    """Import (or, dry_run, only check) files; prints each problem PATH:LINE: field: message."""
    db, user = auth.cli_store(auth.Role.VIEWER if dry_run else auth.Role.EDITOR, "import")
    show = None if quiet else _progress_printer()
    try:
        return import_files(db.engine, [Path(p) for p in paths], set(load_actors()), show, dry_run=dry_run,
                            actor=user.name)  # fmt: skip
    except RecordError as error:
        for problem in sorted(error.problems, key=lambda p: (p.path, p.line)):
            print(problem)
        if hint := advice(error.problems):
            print(hint)
        return None


def _progress_printer():
    def show(progress: Progress) -> None:
        print(f"\r{progress.read:,} records read ({progress.rate:,.0f}/s), {progress.problems} problems",
              end="", file=sys.stderr, flush=True)  # fmt: skip

    return show


def cmd_validate(args) -> int:
    """Exit 0 when every file is valid; else one line per problem, PATH:LINE: field: message."""
    check_files([Path(p) for p in args.paths])  # `import` checks them in file_kind
    if _import(args.paths, dry_run=True, quiet=True) is None:
        return 1
    print(f"{count_noun(len(args.paths), 'file')} valid")
    return 0


def cmd_import_field(args) -> int:
    """Field data: streamed, mapped by the tables in bilateral/importers/mappings, all or nothing."""
    db, user = auth.cli_store(auth.Role.EDITOR, "import")
    show = None
    if not args.quiet:
        show = lambda p: print(f"\r{p.line()}", end="", file=sys.stderr, flush=True)  # noqa: E731
    progress = import_field_files(
        db.engine, [Path(p) for p in args.paths], args.format, show, actor=user.name
    )
    if not args.quiet:
        print(file=sys.stderr)
    print(progress.summary())
    _refresh_mirror()
    return 0


def cmd_update(args) -> int:
    """Download GDELT event exports dated since --since and import them (all or nothing)."""
    try:
        since = dt.date.fromisoformat(args.since)
        until = dt.date.fromisoformat(args.until) if args.until else None
    except ValueError as error:
        raise FileFormatError(f"--since/--until take a date YYYY-MM-DD ({error})") from None
    db, user = auth.cli_store(auth.Role.EDITOR, "update")
    log = (lambda _m: None) if args.quiet else (lambda m: print(m, file=sys.stderr, flush=True))
    progress = update_gdelt(db.engine, since, args.base_url, args.version, until, log=log, actor=user.name)
    print(progress.summary())
    _refresh_mirror()
    return 0


def cmd_import(args) -> int:
    """All or nothing: any invalid record in any file adds nothing."""
    if file_kind([Path(p) for p in args.paths], args.format) == FIELD:
        return cmd_import_field(args)
    result = _import(args.paths, dry_run=False, quiet=args.quiet)
    if not args.quiet:
        print(file=sys.stderr)
    if result is None:
        print("nothing imported: fix the lines above and run the import again")
        return 1
    print(result)
    _refresh_mirror()
    return 0


def _refresh_mirror() -> None:
    """Bring the persisted mirror up to date after an import, so the app's next page does not wait for it;
    the import's freed memory goes back to the system first, so the two peaks do not stack."""
    release_memory()
    with contextlib.suppress(BilateralError), mirror_session(store.connect(seed=False)):
        pass


DATA_FORMATS = ("jsonl", "csv", "xlsx")


def cmd_export_data(args) -> int:
    """Write the filtered records as JSONL (re-importable), CSV or XLSX (formulas neutralised), in the
    format the file's suffix names unless --format says; whole or not at all (export.write_whole)."""
    flt = filter_from_cli(args)
    fmt = export.output_format(args.output, args.format, DATA_FORMATS, "jsonl")
    with mirror_session(store.connect()) as mirror:
        if fmt == "xlsx":
            written = export.write_whole(
                args.output, lambda h: export.write_records_xlsx(mirror, flt, h, order=args.order)
            )
        else:
            writer = export.write_records_csv if fmt == "csv" else export.write_records_jsonl
            written = export.write_whole(args.output, lambda h: writer(mirror, flt, h, args.order), text=True)
    export.report_written(args.output, f"wrote {written} interactions to {args.output} ({fmt.upper()})")
    return 0


def cmd_stats(args) -> int:
    """Counts of the filtered records, as text or one JSON object."""
    flt = filter_from_cli(args)  # a bad filter stops the command before any store is opened (or created)
    with mirror_session(store.connect()) as mirror:
        stats = summary.summary_stats(mirror, flt)
    if args.json:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
        return 0
    print("\n".join(stats_lines(stats)))
    return 0


STATS_TOP = 12  # the text lists at most this many dyads, event types and sources


def stats_lines(stats: dict) -> list[str]:
    """summary_stats in words: themes and quad classes by their labels, the most frequent dyads, event types
    and sources with how many more there are, and every year in order."""

    def most(counts: dict, label=str) -> str:
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        shown = ", ".join(f"{label(k)} {v:,}" for k, v in ranked[:STATS_TOP])
        return shown + (f" (and {len(ranked) - STATS_TOP:,} more)" if len(ranked) > STATS_TOP else "")

    if not stats["interactions"]:
        return ["0 articles, 0 interactions: nothing matches the filter"]
    period = f"{stats['date_min']} to {stats['date_max']}"
    quads = ", ".join(f"{QuadClass(int(q)).label} {n:,}" for q, n in stats["by_quad_class"].items())
    return [
        f"{count_noun(stats['articles'], 'article')}, {count_noun(stats['interactions'], 'interaction')}, "
        f"{period}",
        "themes: " + most(stats["by_theme"], lambda t: Theme(t).label),
        f"quad classes: {quads}",
        "event types: " + most(stats["by_event_type"]),
        "dyads: " + most(stats["by_dyad"]),
        "outlets (articles): " + most(stats["by_source"]),
        "years: " + ", ".join(f"{year} {n:,}" for year, n in stats["by_year"].items()),
    ]


def cmd_init(args) -> int:
    """Create, upgrade and seed the database if needed, bring its mirror up to date, say what it holds."""
    db = store.connect()
    with mirror_session(db):
        pass
    articles, interactions = db.counts()
    print(
        f"database {db.url}: schema {db.schema_revision()}, {articles} articles, {interactions} interactions"
    )
    return 0


def cmd_backup(args) -> int:
    """Write every table of the database to one JSON-lines file (admins: it holds the user list)."""
    db = store.connect(seed=False)
    auth.cli_acting(db.engine, auth.Role.ADMIN, "backup")
    counts = store_backup.backup(db.engine, Path(args.file))
    print(f"wrote {args.file}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return 0


def cmd_restore(args) -> int:
    """Restore a backup into a database without records: validated, all or nothing."""
    check_files([Path(args.file)])  # a mistyped name (or the store itself) stops it before a store is made
    db = store.connect(seed=False)
    auth.cli_acting(db.engine, auth.Role.ADMIN, "restore")
    try:
        counts = store_backup.restore(db.engine, Path(args.file))
    except RecordError as error:
        for problem in error.problems:
            print(problem)
        print("nothing restored: the backup is damaged at the line above")
        return 1
    print(f"restored {args.file}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return 0


def cmd_users(args) -> int:
    """Manage the local user list: add, role, list (admins; anyone may add the first user)."""
    db = store.connect(seed=False)
    if args.action != "add" or auth.has_users(db.engine):
        auth.cli_acting(db.engine, auth.Role.ADMIN, "managing users")
    if args.action == "list":
        for name, role, failed in auth.list_users(db.engine):
            print(f"{name}\t{role}" + (f"\t{count_noun(failed, 'failed sign-in')}" if failed else ""))
        return 0
    role = args.new_role or args.role
    if not args.name or (args.action == "role" and not role):
        raise auth.AuthError(f"users {args.action} needs a NAME" + (" and a ROLE" * (args.action == "role")))
    if args.action == "role":
        print(f"{auth.set_role(db.engine, args.name, auth.Role(role)).name} is now {role}")
        return 0
    password = None if args.oidc else _new_password(args.password_stdin)
    user = auth.add_user(db.engine, args.name, password, auth.Role(role or "viewer"))
    print(f"added {user.name} ({user.role.value})")
    return 0


def _new_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    try:
        first = getpass.getpass("Password: ")
        again = getpass.getpass("Again: ")
    except EOFError:  # no terminal and nothing on standard input (a script, cron): a traceback said nothing
        raise auth.AuthError(
            "no password was typed (no terminal): give it on standard input with --password-stdin, or use "
            "--oidc for a user who signs in through the identity provider"
        ) from None
    if again != first:
        raise auth.AuthError("the two passwords differ")
    return first


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    parser = argparse.ArgumentParser(prog="python -m bilateral", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = commands.add_parser("init", help="create or upgrade the database and seed it from data/ if needed")
    p.set_defaults(func=cmd_init)
    p = commands.add_parser("validate", help="check record files (JSONL/CSV/XLSX); exit 1 naming bad lines")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(func=cmd_validate)
    p = commands.add_parser("import", help="add record or GDELT/ICEWS/PLOVER files, all or nothing, streamed")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--quiet", action="store_true", help="no progress line")
    p.add_argument("--format", choices=FORMATS, help="field data format (default: detected from the file)")
    p.set_defaults(func=cmd_import)
    p = commands.add_parser("update", help="download the newest field data (GDELT) and import it")
    p.add_argument("dataset", choices=["gdelt"])
    p.add_argument("--since", required=True, metavar="DATE", help="first day to fetch, YYYY-MM-DD")
    p.add_argument("--until", metavar="DATE", help="last day to fetch (default: all listed)")
    p.add_argument("--version", type=int, choices=[1, 2], default=2, help="GDELT 2.0 15-minute or 1.0 daily")
    p.add_argument("--base-url", metavar="URL", help="where the listing and files are (default: GDELT's)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    p.set_defaults(func=cmd_update)
    p = commands.add_parser("export-data", help="write the filtered records as JSONL, CSV or XLSX")
    p.add_argument(
        "--format", choices=DATA_FORMATS, help="default: from the -o suffix (jsonl for a name without one)"
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument(
        "--order",
        choices=list(RECORD_ORDERS),
        default=OLDEST,
        help="the order of the records: "
        + ", ".join(f"{k} ({o.label.lower()})" for k, o in RECORD_ORDERS.items())
        + f"; default {OLDEST}",
    )
    add_filter_arguments(p)
    p.set_defaults(func=cmd_export_data)
    p = commands.add_parser("stats", help="counts of the filtered records")
    p.add_argument("--json", action="store_true", help="one JSON object")
    add_filter_arguments(p)
    p.set_defaults(func=cmd_stats)
    p = commands.add_parser("backup", help="write every table of the database to FILE (JSON lines)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_backup)
    p = commands.add_parser("restore", help="restore FILE into a database without records, all or nothing")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_restore)
    p = commands.add_parser("users", help="the local user list: add NAME --role R, role NAME R, list")
    p.add_argument("action", choices=["add", "role", "list"])
    p.add_argument("name", nargs="?", metavar="NAME")
    roles = [r.value for r in auth.Role]
    p.add_argument("new_role", nargs="?", choices=roles, metavar="ROLE", help="for role")
    p.add_argument("--role", choices=roles, help="for add (default viewer)")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin's first line")
    p.add_argument("--oidc", action="store_true", help="no password: the user signs in with OpenID Connect")
    p.set_defaults(func=cmd_users)
    extract_commands.register(commands)
    report_commands.register(commands)
    watch_commands.register(commands)
    bench_commands.register(commands)
    return parser


class _NoteHandler(logging.Handler):
    """Writes `note: ...` to the stderr of the moment (a test's captured stream, not the one at start)."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"note: {record.getMessage()}", file=sys.stderr)


def _show_notes() -> None:
    """The package's notes (a database created where none was) go to stderr, once per process."""
    logger = logging.getLogger("bilateral")
    if not any(isinstance(handler, _NoteHandler) for handler in logger.handlers):
        logger.addHandler(_NoteHandler())
        logger.setLevel(logging.INFO)


def main(argv: list[str] | None = None) -> int:
    """Run one command; a BilateralError is printed as `error: ...` with exit code 1."""
    args = build_parser().parse_args(argv)
    _show_notes()
    try:
        return args.func(args)
    except BilateralError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C: one line, not a traceback; each write is whole or not at all
        print("\ninterrupted: what was being written was not written (each import, save or file is whole "
              "or not at all)", file=sys.stderr)  # fmt: skip
        return 130
