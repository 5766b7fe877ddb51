"""`python -m bilateral bench`: registered by bilateral.cli."""

from __future__ import annotations

import json
from pathlib import Path


def register(subparsers) -> None:
    """Add the `bench` command to the CLI."""
    p = subparsers.add_parser(
        "bench",
        help="time import, mirror and page queries on a generated (synthetic) database",
        description=(
            "Generate N synthetic interactions in a temporary folder (never in data/), import them with the "
            "real CLI in a child process, build the page-query mirror, and time every step of every page "
            "cold and warm (medians). --data times the pages on the curated set instead."
        ),
    )
    p.add_argument("--rows", type=int, default=100_000, help="synthetic interactions to generate")
    p.add_argument(
        "--repeat", type=int, default=5, help="warm runs of each page (each step's median is reported)"
    )
    p.add_argument(
        "--keep", metavar="DIR", help="work in DIR and keep the files (default: a temporary folder)"
    )
    p.add_argument("--data", action="store_true", help="time the pages on the curated data/ set instead")
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.add_argument("--markdown", action="store_true", help="print the page tables as Markdown")
    p.add_argument(
        "--replicate",
        type=int,
        metavar="K",
        help="with --keep DIR of an earlier run: time the pages on its mirror with every row K times",
    )
    p.set_defaults(func=cmd_bench)


def cmd_bench(args) -> int:
    from bilateral.bench.report import format_markdown, format_report
    from bilateral.bench.run import run_bench

    def show(report: dict) -> None:
        if args.json:
            print(json.dumps(report, indent=2))
        else:
            print(format_markdown(report, steps=True) if args.markdown else format_report(report))

    if args.rows < 1 or args.repeat < 1:
        print("error: --rows and --repeat must be at least 1")
        return 1
    if args.replicate:
        if not args.keep:
            print("error: --replicate needs --keep DIR of an earlier bench run")
            return 1
        from bilateral.bench.run import run_replicated

        show(run_replicated(Path(args.keep), args.replicate, args.repeat))
        return 0
    report = run_bench(
        rows=args.rows, repeat=args.repeat, keep=Path(args.keep) if args.keep else None, use_data=args.data
    )
    show(report)
    return 0
