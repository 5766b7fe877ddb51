"""The `extract` and `evaluate` commands of `python -m bilateral` (registered by bilateral/cli.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bilateral.errors import ExtractError
from bilateral.extract.encoding import decode_article
from bilateral.extract.evaluate import evaluate, format_report, load_gold
from bilateral.extract.pipeline import Extraction, extract
from bilateral.file_writes import write_whole
from bilateral.wording import count_noun


def register(subparsers) -> None:
    """Add `extract` and `evaluate` to the CLI's subparsers."""
    p = subparsers.add_parser(
        "extract", help="code an article (text, Markdown or HTML) into candidate interactions"
    )
    p.add_argument("file", nargs="?", help="the article file, or - for standard input")
    p.add_argument(
        "--date", help="the article date (YYYY-MM-DD); otherwise only an explicit dateline is used"
    )
    p.add_argument("--source", help="the outlet")
    p.add_argument("--url", help="the article URL")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument("--batch", metavar="IN.jsonl", help='code every line {"id", "text"} of a JSONL file')
    p.add_argument(
        "-o", "--output", metavar="OUT", help="with --batch: write result lines here (default stdout)"
    )
    p.set_defaults(func=run_extract)
    e = subparsers.add_parser(
        "evaluate", help="score the extractor against a gold file (our JSONL or PLOVER JSON)"
    )
    e.add_argument("gold", help="gold file: tests/gold/*.jsonl or a PLOVER gold-standard .json")
    e.add_argument("--json", action="store_true", help="print the figures as JSON")
    e.set_defaults(func=run_evaluate)
    i = subparsers.add_parser(
        "ingest", help="code every .txt/.html/.md file of a folder into the review queue of drafts"
    )
    i.add_argument("folder", help="the folder of article files")
    i.add_argument("--source", help="the outlet, when every file comes from one")
    i.add_argument("--quiet", action="store_true", help="no progress bar")
    i.set_defaults(func=run_ingest)


def read_input(name: str) -> str:
    """The text of a file (decode_article: UTF-8, a byte-order mark's encoding or an HTML page's charset),
    or of standard input for '-'; ExtractError names an unreadable file."""
    if name == "-":
        return sys.stdin.read()
    try:
        data = Path(name).read_bytes()
    except OSError as error:
        raise ExtractError(f"{name}: cannot read the article: {error.strerror}") from error
    return decode_article(data, name)


def run_extract(args) -> int:
    """extract FILE|- [--json], or extract --batch IN.jsonl [-o OUT]."""
    if args.batch:
        return run_batch(args.batch, args.output)
    if not args.file:
        raise ExtractError("extract needs a FILE (or - for standard input), or --batch IN.jsonl")
    result = extract(read_input(args.file), date=args.date, source=args.source, url=args.url)
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) if args.json else summary(result))
    return 0


def run_batch(path: str, output: str | None) -> int:
    """One result line per input line, each carrying the input's id."""
    lines = []
    for number, line in enumerate(read_input(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            text = raw["text"]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise ExtractError(
                f"{path}:{number}: expected a JSON object with 'id' and 'text' ({error})"
            ) from error
        result = extract(text, date=raw.get("date"), source=raw.get("source"), url=raw.get("url"))
        lines.append(json.dumps({"id": raw.get("id"), **result.to_dict()}, ensure_ascii=False))
    body = "".join(line + "\n" for line in lines)
    if output:
        try:
            write_whole(output, lambda handle: handle.write(body), text=True)
        except OSError as error:
            raise ExtractError(f"cannot write {output}: {error.strerror or error}") from error
        print(f"{count_noun(len(lines), 'article')} coded -> {output}")
    else:
        sys.stdout.write(body)
    return 0


def run_ingest(args) -> int:
    """ingest FOLDER: one draft per file; per-file errors printed; exit 1 only when no file was queued."""
    from bilateral import auth
    from bilateral.extract.ingest import ingest_folder, progress_bar

    db, _ = auth.cli_store(auth.Role.EDITOR, "queueing drafts")
    report = ingest_folder(db, Path(args.folder), args.source, None if args.quiet else progress_bar())
    for error in report.errors:
        print(f"error: {error}", file=sys.stderr)
    print(report)
    return 0 if report.queued or not report.errors else 1


def run_evaluate(args) -> int:
    """Print precision, recall and F1 per metric for one gold file."""
    report = evaluate(load_gold(args.gold))
    print(json.dumps(report, indent=2) if args.json else format_report(report, args.gold))
    return 0


def summary(result: Extraction) -> str:
    """A readable summary: title, date, actors, themes, one line per interaction."""
    lines = [
        f"title: {result.title or '(none found)'}",
        f"date: {result.date or '(not stated: set it when reviewing)'}",
    ]
    lines.append("actors: " + ", ".join(f"{a.code} ({len(a.mentions)})" for a in result.actors))
    lines.append("themes: " + ", ".join(t.value for t in result.themes))
    for c in result.interactions:
        arrow = "<->" if c.direction.value == "mutual" else "->"
        lines.append(
            f"  {c.actor1} {arrow} {c.actor2}  {c.event_type.value} {c.score:+.1f} {c.modality.value}"
            f"{' negated' if c.negated else ''}  [{c.cue}]  {c.evidence[:80]}"
        )
    lines.extend(f"  note: {note}" for note in result.notes)
    return "\n".join(lines)
