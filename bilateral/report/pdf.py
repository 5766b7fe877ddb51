"""The report as PDF (reportlab): real text a reader can select and search, charts as 2x PNG images.

Text uses DejaVu Sans when the system has it (Cyrillic and accents print), else reportlab's Helvetica.
Without a browser the charts cannot be drawn: the PDF still comes out, saying so where they would be.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from bilateral.export import ExportError, chart_image
from bilateral.report import Report, is_web_url, via
from bilateral.tables import NO_URL

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF")
CONTENT_WIDTH = A4[0] - 36 * mm
GRID = colors.HexColor("#e4e7eb")
# The room a section heading needs below it to start there: itself and its first few lines or table rows.
HEADING_ROOM = 35 * mm


def report_pdf(report: Report) -> bytes:
    """The whole report as PDF bytes, A4, numbered pages."""
    regular, bold = fonts()
    styles = _styles(regular, bold)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=18 * mm,
        title=f"{report.title} · {report.filters}", author="Bilateral", subject=f"Filters: {report.filters}",
    )  # fmt: skip
    story = [Paragraph(_x(report.title), styles["Title"])]
    story.append(
        Paragraph(f"Generated {_x(report.generated_text)} · Data: {_x(report.data_source)}", styles["Meta"])
    )
    story.append(Paragraph(f"<b>Filters:</b> {_x(report.filters)}", styles["Body"]))
    story += [*_heading("Headline numbers", styles), _headline_table(report, styles)]
    story += _changes_flowables(report, styles)
    charts = _chart_flowables(report, styles)  # the heading goes with the first chart, never left alone
    story += [KeepTogether([Paragraph("Charts", styles["H2"]), *charts[:1]]), *charts[1:]]
    story += [*_heading("Key events", styles), *_events_flowables(report, styles)]
    story += _heading(report.sources_heading, styles)
    if report.sources_note:
        story.append(Paragraph(_x(report.sources_note), styles["Body"]))
    story += _source_paragraphs(report, styles)
    footer = functools.partial(_footer, font=regular, text=f"{report.title} · {report.filters}")
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


@functools.cache
def fonts() -> tuple[str, str]:
    """(regular, bold) font names: DejaVu Sans registered once when found, else Helvetica."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for folder in FONT_DIRS:
        regular, bold = Path(folder) / "DejaVuSans.ttf", Path(folder) / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
            pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold",
                                          italic="DejaVuSans", boldItalic="DejaVuSans-Bold")  # fmt: skip
            return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "Title": ParagraphStyle("Title", parent=base["Title"], fontName=bold, alignment=0, fontSize=20),
        "H2": ParagraphStyle("H2", parent=base["Heading2"], fontName=bold, spaceBefore=10),
        "Body": ParagraphStyle("Body", parent=base["BodyText"], fontName=regular, fontSize=10, leading=13),
        "Meta": ParagraphStyle(
            "Meta",
            parent=base["BodyText"],
            fontName=regular,
            fontSize=9,
            textColor=colors.HexColor("#616e7c"),
        ),
        "Cell": ParagraphStyle("Cell", parent=base["BodyText"], fontName=regular, fontSize=8.5, leading=10.5),
        "Source": ParagraphStyle(
            "Source",
            parent=base["BodyText"],
            fontName=regular,
            fontSize=8.5,
            leading=11,
            leftIndent=18,
            firstLineIndent=-18,
            spaceAfter=3,
        ),
    }


def _heading(text: str, styles) -> list:
    """A section heading, on a new page when fewer than HEADING_ROOM are left on this one.

    Why not KeepTogether with what follows: the key events and the sources run over pages, and a
    KeepTogether longer than the space left always starts a new page; inside another KeepTogether it
    counts as endless, so the outer one always did (a report had a page holding one line of notes)."""
    return [CondPageBreak(HEADING_ROOM), Paragraph(_x(text), styles["H2"])]


def _headline_table(report: Report, styles) -> Table:
    rows = [
        [Paragraph(_x(k), styles["Cell"]), Paragraph(f"<b>{_x(v)}</b>", styles["Cell"])]
        for k, v in report.headline
    ]
    table = Table(rows, colWidths=[55 * mm, CONTENT_WIDTH - 55 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return table


def _chart_flowables(report: Report, styles) -> list:
    """Each chart as a 2x PNG scaled to the text width; a one-line note when it cannot be drawn."""
    out = []
    for name, fig in report.figures:
        try:
            png = chart_image(fig, "png", scale=2)
        except ExportError as error:
            out.append(Paragraph(f"Chart “{_x(name)}” not drawn: {_x(error)}", styles["Meta"]))
            continue
        image = Image(io.BytesIO(png))
        ratio = image.imageHeight / image.imageWidth
        width = CONTENT_WIDTH
        height = min(width * ratio, 230 * mm)
        image.drawWidth, image.drawHeight = height / ratio, height
        out += [image, Spacer(1, 4 * mm)]  # an image never splits; wrapped in a KeepTogether it did harm
    return out


def _events_flowables(report: Report, styles) -> list:
    """What the key events are, then their table (none when no event matches)."""
    note = Paragraph(_x(report.key_events_note), styles["Body"])
    return [note] if report.key_events.empty else [note, _events_table(report, styles)]


def _events_table(report: Report, styles):
    events = report.key_events
    header = [Paragraph(f"<b>{_x(c)}</b>", styles["Cell"]) for c in events.columns]
    rows = [[Paragraph(_x(v), styles["Cell"]) for v in row] for row in events.to_numpy()]
    # Date, Event, Score, Dataset and Source as wide as their longest word (2022-02-04, COOPERATE, Score,
    # Dataset, Source: narrower, they broke mid-word); the title takes the rest
    widths = [22 * mm, 30 * mm, 24 * mm, 14 * mm, CONTENT_WIDTH - 124 * mm, 18 * mm, 16 * mm]
    table = Table([header, *rows], colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f5f7fa")),
    ]
    table.setStyle(TableStyle(style))
    return table


def _changes_flowables(report: Report, styles) -> list:
    """'What changed' with each move's evidence, then the analysts' notes (all as escaped text)."""
    out = _heading("What changed", styles)
    changes = report.changes
    if changes is None:
        out.append(
            Paragraph("Nothing to compare: no scored interactions before the latest week.", styles["Body"])
        )
    else:
        lead = "Flagged moves" if changes.flagged else "Nothing moved beyond 2 σ; the largest moves"
        out.append(Paragraph(_x(f"{lead}, {changes.period}, against the 52 weeks before:"), styles["Body"]))
        out.append(_text_table(changes.moves, styles, (0.14, 0.18, 0.2, 0.12, 0.16, 0.2)))
        for label, events in changes.evidence:  # a move's label stays with its few events
            table = [_text_table(events, styles, (0.13, 0.22, 0.13, 0.08, 0.44))] if len(events) else []
            out.append(KeepTogether([Paragraph(f"<b>{_x(label)}</b>", styles["Body"]), *table]))
    out += _heading(f"Analysts' notes ({len(report.notes)})", styles)
    for n in report.notes or ():
        scope = " · ".join(x for x in (n.dyad, n.theme.label if n.theme else None) if x)
        period = n.date_from + (f" to {n.date_to}" if n.date_to else "")
        out.append(
            Paragraph(
                _x(f"{period} · {n.author}{' · ' + scope if scope else ''}: {n.text}"), styles["Source"]
            )
        )
    if not report.notes:
        out.append(Paragraph("No notes in the period.", styles["Body"]))
    return out


def _text_table(frame, styles, shares: tuple[float, ...]) -> Table:
    """A small table of text cells that wrap; `shares` of the page width per column."""
    cell = ParagraphStyle("cell", parent=styles["Body"], fontSize=8, leading=10, spaceBefore=0, spaceAfter=0)
    rows = [[Paragraph(f"<b>{_x(c)}</b>", cell) for c in frame.columns]]
    rows += [[Paragraph(_x(v), cell) for v in row] for row in frame.astype(str).to_numpy()]
    table = Table(rows, colWidths=[CONTENT_WIDTH * s for s in shares], repeatRows=1)
    table.setStyle(
        TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return table


def _source_paragraphs(report: Report, styles) -> list:
    """'[n] Outlet. Title. Date. URL' with the URL a live link."""
    out = []
    for row in report.sources.itertuples(index=False):
        text = f"[{row.number}] {_x(row.outlet)}. <i>{_x(row.title)}</i>. {_x(row.date)}."
        if is_web_url(row.url):
            link = f'<link href="{_x(row.url)}" color="#1f4e79">{_x(row.url)}</link>'
            text += f" {link}{_x(via(row.publisher))}"
        else:
            text += f" {NO_URL}."
        out.append(Paragraph(text, styles["Source"]))
    return out or [Paragraph("No sources.", styles["Body"])]


def _footer(canvas, doc, *, font: str, text: str) -> None:
    canvas.saveState()
    canvas.setFont(font, 7.5)
    canvas.setFillColor(colors.HexColor("#616e7c"))
    canvas.drawString(18 * mm, 10 * mm, text[:120])
    canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"page {doc.page}")
    canvas.restoreState()


def _x(value) -> str:
    """Text made safe for reportlab's paragraph markup."""
    return escape(str(value), {'"': "&quot;"})
