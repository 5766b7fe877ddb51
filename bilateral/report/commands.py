"""`python -m bilateral report` and `python -m bilateral chart`: the report and single charts, headless.

Registered by bilateral.cli through register(subparsers); the filter flags are the shared ones, so
`--theme energy --dyad CHN-RUS` means here what it means on every other command and in the URL.
"""

from __future__ import annotations

from bilateral import charts, export, store
from bilateral.analysis import dataset_queries, mirror_session, queries
from bilateral.filters import add_filter_arguments, filter_from_cli
from bilateral.store.notes import list_notes

CHART_NAMES = ("timeline", "cooperation", "network", "heatmap")
REPORT_FORMATS = ("pdf", "html")


def register(subparsers) -> None:
    """Add the `report` and `chart` commands to the CLI."""
    p = subparsers.add_parser("report", help="the report (charts, key events, sources) as PDF or HTML")
    p.add_argument(
        "--format", choices=REPORT_FORMATS, help="default: from the -o suffix (pdf for a name without one)"
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    add_filter_arguments(p)
    p.set_defaults(func=cmd_report)
    p = subparsers.add_parser("chart", help="one chart as PNG, SVG, PDF or offline HTML, with its caption")
    p.add_argument("name", choices=CHART_NAMES)
    p.add_argument(
        "--format",
        choices=export.CHART_FORMATS,
        help="default: from the -o suffix (png for a name without one)",
    )
    p.add_argument("--scale", type=float, default=2, help="PNG pixels per layout pixel (default 2)")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    add_filter_arguments(p)
    p.set_defaults(func=cmd_chart)


def cmd_report(args) -> int:
    """Write the report of the filtered records."""
    from bilateral.report import build_report
    from bilateral.report.html import report_html
    from bilateral.report.pdf import report_pdf

    flt = filter_from_cli(args)
    fmt = export.output_format(args.output, args.format, REPORT_FORMATS, "pdf")
    db = store.connect()
    notes = list_notes(db.engine, flt.date_from, flt.date_to, flt.dyads, flt.themes)
    with mirror_session(db) as mirror:
        report = build_report(mirror, flt, notes=notes)
        n = queries.count(mirror, flt)
    export.write_bytes_whole(args.output, report_pdf(report) if fmt == "pdf" else report_html(report))
    export.report_written(args.output, f"wrote {fmt.upper()} report to {args.output}: {n} interactions, "
                          f"{len(report.sources)} sources; filters: {report.filters}")  # fmt: skip
    return 0


def cmd_chart(args) -> int:
    """Write one chart of the filtered records, captioned; exit 1 when nothing matches the filters."""
    flt = filter_from_cli(args)
    fmt = export.output_format(args.output, args.format, export.CHART_FORMATS, "png")
    db = store.connect()
    notes = list_notes(db.engine, flt.date_from, flt.date_to, flt.dyads, flt.themes)
    with mirror_session(db) as mirror:
        n = queries.count(mirror, flt)
        if n == 0:
            raise export.ExportError(f"no interactions match the filters ({flt.describe()}); nothing written")
        fig = charts.build_figure(args.name, mirror, flt, notes=tuple(notes))
        source = export.data_source_text(dataset_queries.dataset_counts(mirror, flt))
    caption = export.Caption.now(n, flt.describe(), source)
    data = export.chart_bytes(fig, fmt, caption, scale=args.scale, title=f"Bilateral {args.name} chart")
    export.write_bytes_whole(args.output, data)
    said = f"wrote {args.name} chart ({fmt}) to {args.output}: {n} interactions; filters: {flt.describe()}"
    export.report_written(args.output, said)
    return 0
