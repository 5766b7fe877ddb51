"""`python -m bilateral report` and `python -m bilateral chart`: the report and single charts, headless.

Registered by bilateral.cli through register(subparsers); the filter flags are the shared ones, so
`--theme energy --dyad CHN-RUS` means here what it means on every other command and in the URL.
"""

from __future__ import annotations

from pathlib import Path

from bilateral import export, store
from bilateral.filters import filter_from_cli

CHART_NAMES = ("timeline", "cooperation", "network", "heatmap")
REPORT_FORMATS = ("pdf", "html")


def register(subparsers) -> None:
    """Add the `report` and `chart` commands to the CLI."""
    from bilateral.cli import add_filter_arguments

    p = subparsers.add_parser("report", help="the report (charts, key events, sources) as PDF or HTML")
    p.add_argument("--format", choices=REPORT_FORMATS, help="default: from the -o suffix, else pdf")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    add_filter_arguments(p)
    p.set_defaults(func=cmd_report)
    p = subparsers.add_parser("chart", help="one chart as PNG, SVG, PDF or offline HTML, with its caption")
    p.add_argument("name", choices=CHART_NAMES)
    p.add_argument("--format", choices=export.CHART_FORMATS, help="default: from the -o suffix, else png")
    p.add_argument("--scale", type=float, default=2, help="PNG pixels per layout pixel (default 2)")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    add_filter_arguments(p)
    p.set_defaults(func=cmd_chart)


def output_format(output: str, given: str | None, allowed: tuple[str, ...], default: str) -> str:
    """The format asked for, else the one the file name's suffix names, else the default."""
    if given:
        return given
    suffix = Path(output).suffix.lower().lstrip(".")
    return suffix if suffix in allowed else default


def cmd_report(args) -> int:
    """Write the report of the filtered records."""
    from bilateral.report import build_report, report_html

    flt = filter_from_cli(args)
    interactions, articles = store.load_filtered(store.connect(), flt)
    report = build_report(interactions, articles, flt)
    fmt = output_format(args.output, args.format, REPORT_FORMATS, "pdf")
    if fmt == "pdf":
        from bilateral.report_pdf import report_pdf

        data = report_pdf(report)
    else:
        data = report_html(report)
    _write(args.output, data)
    print(f"wrote {fmt.upper()} report to {args.output}: {len(interactions)} interactions, "
          f"{len(report.sources)} sources; filters: {report.filters}")  # fmt: skip
    return 0


def cmd_chart(args) -> int:
    """Write one chart of the filtered records, captioned; exit 1 when nothing matches the filters."""
    from bilateral import charts

    flt = filter_from_cli(args)
    interactions, _ = store.load_filtered(store.connect(), flt)
    if interactions.empty:
        raise export.ExportError(f"no interactions match the filters ({flt.describe()}); nothing written")
    fmt = output_format(args.output, args.format, export.CHART_FORMATS, "png")
    fig = charts.build_figure(args.name, interactions, flt)
    caption = export.Caption.now(len(interactions), flt.describe())
    data = export.chart_bytes(fig, fmt, caption, scale=args.scale, title=f"Bilateral {args.name} chart")
    _write(args.output, data)
    print(f"wrote {args.name} chart ({fmt}) to {args.output}: {len(interactions)} interactions; "
          f"filters: {flt.describe()}")  # fmt: skip
    return 0


def _write(output: str, data: bytes) -> None:
    """Write the file, turning an OS error into a message that names the path."""
    try:
        Path(output).write_bytes(data)
    except OSError as error:
        raise export.ExportError(f"cannot write {output}: {error.strerror or error}") from error
