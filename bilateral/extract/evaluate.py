"""Score the extractor against gold files: our JSONL (sentences or whole articles) and PLOVER's gold standard.

Everything is compared after rolling actors up to states (a leader counts as their state), because
that is what the dashboard shows; PLOVER's CAMEO codes are mapped to ours first (JAP -> JPN, and any
international organisation -> IGO). Commentary is not scored, on either side.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bilateral.errors import ExtractError
from bilateral.extract.pipeline import Extraction, default_index, extract
from bilateral.extract.sentences import split_sentences
from bilateral.model import ActorKind, EventType, Modality

OLD_PLOVER_EVENTS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
CAMEO_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "NGO": "IGO", "TMP": "TLS"}
INFORMAL_BLOCS = {"WEST"}  # a bloc that is no organisation: never IGO
PLOVER_CONTEXT_THEMES = {
    "military": "military",
    "cbrn": "military",
    "diplomatic": "diplomacy",
    "economic": "trade",
    "cyber": "cyber",
    "terrorism": "security",
}
METRICS = ("actors", "dyads", "direction", "event_type", "quad_class", "sign", "themes")


@dataclass
class GoldEvent:
    """One gold interaction: who, to whom (empty for mutual), what; evidence locates it in an article."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]
    event_type: EventType
    mutual: bool = False
    evidence: str | None = None


@dataclass
class GoldRecord:
    """One gold record: a sentence or an article, with what a careful coder found in it."""

    id: str
    text: str
    actors: set[str]
    events: list[GoldEvent]
    themes: set[str] | None = None
    date: str | None = None
    cameo: bool = False
    commentary: list[str] = field(default_factory=list)
    forbidden_dyads: list[frozenset] = field(default_factory=list)
    printed_date: str | None = None
    dated: bool = False
    furniture_actors: set[str] = field(default_factory=set)


@dataclass
class Tally:
    """True positives, false positives and false negatives of one metric."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def as_dict(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f1, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def _plover_actors(value) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        dict.fromkeys(
            CAMEO_CODES.get(a["code"], a["code"]) for a in value if isinstance(a, dict) and a.get("code")
        )
    )


def plover_record(raw: dict) -> GoldRecord | None:
    """One PLOVER gold-standard record as a GoldRecord (None for the DOCUMENT header)."""
    if raw.get("event") == "DOCUMENT" or not raw.get("text"):
        return None
    sources, targets = _plover_actors(raw.get("source")), _plover_actors(raw.get("target"))
    event = EventType(OLD_PLOVER_EVENTS.get(raw["event"], raw["event"]))
    contexts = [c.strip() for c in str(raw.get("context") or "").split(",")]
    themes = {PLOVER_CONTEXT_THEMES[c] for c in contexts if c in PLOVER_CONTEXT_THEMES} or None
    mutual = not targets and len(sources) >= 2
    gold_event = GoldEvent(sources, targets, event, mutual)
    return GoldRecord(
        raw["id"], raw["text"], set(sources) | set(targets), [gold_event], themes, raw.get("date"), cameo=True
    )


def own_record(raw: dict) -> GoldRecord:
    """One line of our gold JSONL (see tests/gold/README.md) as a GoldRecord."""
    events = [
        GoldEvent(
            (g["actor1"],),
            () if g.get("direction") == "mutual" else (g["actor2"],),
            EventType(g["event_type"]),
            g.get("direction") == "mutual",
            g.get("evidence"),
        )
        for g in raw.get("interactions", [])
    ]
    for e, g in zip(events, raw.get("interactions", []), strict=True):
        if e.mutual:
            e.sources = (g["actor1"], g["actor2"])
    forbidden = [frozenset(pair) for pair in raw.get("forbidden_dyads", [])]
    themes = set(raw["themes"]) if "themes" in raw else None
    return GoldRecord(
        raw["id"],
        raw["text"],
        set(raw.get("actors", [])),
        events,
        themes,
        raw.get("date"),
        False,
        raw.get("commentary", []),
        forbidden,
        raw.get("printed_date"),
        "printed_date" in raw,
        set(raw.get("furniture_actors", [])),
    )


def curated_records(rows: list[dict]) -> list[GoldRecord]:
    """Curated interactions (data/interactions.jsonl) as gold: one record per evidence sentence, holding
    every interaction coded from it; a sentence coded only as commentary is commentary (nothing scored).

    Why: the curated set is the project's own coding convention, 600 sentences and more: the extractor
    is measured against what the analysts kept, not only against gold written for it."""
    by_sentence: dict[str, list[dict]] = {}
    for row in rows:
        if row.get("evidence"):
            by_sentence.setdefault(row["evidence"], []).append(row)
    out = []
    for number, (sentence, coded) in enumerate(by_sentence.items(), start=1):
        commentary = all(r.get("modality") == Modality.COMMENTARY.value for r in coded)
        raw = {
            "id": f"curated-{number}",
            "text": sentence,
            "date": coded[0].get("date"),
            "actors": sorted({r[k] for r in coded for k in ("actor1", "actor2")}),
            "interactions": [] if commentary else coded,
            "themes": sorted({t for r in coded for t in r.get("themes", [])}),
            "commentary": [sentence] if commentary else [],
        }
        out.append(own_record(raw))
    return out


def _curated_file(path: Path, lines: list[str]) -> list[GoldRecord]:
    """The curated interactions of a file as gold; raises ExtractError naming the line that is not one."""
    rows = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                row = json.loads(line)
                missing = sorted({"actor1", "actor2", "event_type"} - row.keys())
                if missing:
                    raise ValueError(f"no {', '.join(missing)}")
                EventType(row["event_type"])
            except (json.JSONDecodeError, ValueError, AttributeError) as error:
                raise ExtractError(f"{path}:{number}: not a curated interaction: {error}") from error
            rows.append(row)
    return curated_records(rows)


def _is_curated(line: str) -> bool:
    """True for a line of data/interactions.jsonl (an interaction with its evidence, not a gold record);
    False for a line that is no JSON object (the gold reader then names it)."""
    try:
        first = json.loads(line)
    except json.JSONDecodeError:
        return False
    curated_keys = {"actor1", "actor2", "evidence"}
    return isinstance(first, dict) and "text" not in first and curated_keys <= first.keys()


def load_gold(path: Path | str) -> list[GoldRecord]:
    """Gold records from a PLOVER .json array, our .jsonl, or the curated interactions (data/
    interactions.jsonl); raises ExtractError naming the bad line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ExtractError(f"{path}: cannot read gold file: {error.strerror}") from error
    if text.lstrip().startswith("["):
        try:
            return [r for r in (plover_record(raw) for raw in json.loads(text)) if r]
        except (json.JSONDecodeError, KeyError, ValueError) as error:
            raise ExtractError(f"{path}: not a PLOVER gold-standard file: {_reason(error)}") from error
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), None)
    if first and _is_curated(first):
        return _curated_file(path, lines)
    records = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                records.append(own_record(json.loads(line)))
            except (json.JSONDecodeError, KeyError, ValueError) as error:
                raise ExtractError(f"{path}:{number}: bad gold record: {_reason(error)}") from error
    return records


def _reason(error: Exception) -> str:
    """What is wrong with a gold record, in words: a missing field is named as such.

    Why: a KeyError printed bare ("bad gold record: 'text'") did not say that the field was missing, or
    which files the command reads (our gold JSONL, a PLOVER JSON array, data/interactions.jsonl)."""
    if isinstance(error, KeyError):
        return (
            f"the field {error.args[0]!r} is missing (gold files: our gold JSONL, a PLOVER JSON array, "
            "or the curated interactions)"
        )
    return str(error)


@dataclass
class Scores:
    """Running totals over a gold file."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {m: Tally() for m in METRICS})
    sign_right: int = 0
    sign_total: int = 0
    covered: int = 0
    codable: int = 0
    units: int = 0
    commentary_scored: int = 0
    forbidden_found: int = 0
    records: int = 0
    articles: ArticleScores = field(default_factory=lambda: ArticleScores())

    def as_dict(self) -> dict:
        out = {"records": self.records, **{m: t.as_dict() for m, t in self.tallies.items()}}
        out["article"] = self.articles.as_dict()
        out["sign_accuracy"] = round(self.sign_right / self.sign_total, 3) if self.sign_total else None
        out["sign_matched_dyads"] = self.sign_total
        out["coverage"] = round(self.covered / self.codable, 3) if self.codable else None
        out["coverage_all_sentences"] = round(self.covered / self.units, 3) if self.units else None
        out["dyadic_sentences"], out["sentences"] = self.codable, self.units
        out["commentary_scored"], out["forbidden_dyads_found"] = self.commentary_scored, self.forbidden_found
        return out


@dataclass
class ArticleScores:
    """Issue 12's figures, per article: pairs found, their sign, the main event, furniture, dates."""

    pairs: int = 0
    pairs_found: int = 0
    sign_right: int = 0
    main_total: int = 0
    main_right: int = 0
    furniture_actors: int = 0
    dates_printed: int = 0
    dates_right: int = 0
    dates_wrong: int = 0

    def as_dict(self) -> dict:
        def share(a, b):
            return round(a / b, 3) if b else None

        return {
            "pairs_found": share(self.pairs_found, self.pairs),
            "pairs": self.pairs,
            "pair_sign_right": share(self.sign_right, self.pairs_found),
            "main_event_right": share(self.main_right, self.main_total),
            "main_events": self.main_total,
            "furniture_actors_found": self.furniture_actors,
            "dates_found": share(self.dates_right, self.dates_printed),
            "dates_printed": self.dates_printed,
            "dates_wrong": self.dates_wrong,
        }


def canonical(code: str, cameo: bool) -> str:
    """A code as compared: rolled up to its state; for PLOVER, every international organisation is IGO."""
    index = default_index()
    code = CAMEO_CODES.get(code, code) if cameo else code
    rolled = index.rollup.get(code, code)
    actor = index.actors.get(rolled)
    rolled = CAMEO_CODES.get(rolled, rolled) if cameo else rolled
    if rolled in INFORMAL_BLOCS:
        return rolled
    if cameo and (
        rolled.startswith(("IGO", "NGO"))
        or (actor and actor.kind in (ActorKind.BLOC, ActorKind.ORGANISATION) and not actor.parent)
    ):
        return "IGO"
    return rolled


def _gold_labels(events: Iterable[GoldEvent], cameo: bool) -> dict[frozenset, tuple[str, EventType]]:
    out = {}
    for e in events:
        src = [canonical(c, cameo) for c in e.sources]
        pairs = (
            [(a, b) for i, a in enumerate(src) for b in src[i + 1 :]]
            if e.mutual
            else [(a, canonical(b, cameo)) for a in src for b in e.targets]
        )
        for a, b in pairs:
            if a != b:
                out.setdefault(frozenset((a, b)), ("mutual" if e.mutual else f"{a}>{b}", e.event_type))
    return out


def _pred_labels(interactions, cameo: bool) -> dict[frozenset, tuple[str, EventType]]:
    out = {}
    for c in interactions:
        if c.modality is Modality.COMMENTARY:
            continue
        a, b = canonical(c.actor1, cameo), canonical(c.actor2, cameo)
        if a != b:
            out.setdefault(
                frozenset((a, b)), ("mutual" if c.direction.value == "mutual" else f"{a}>{b}", c.event_type)
            )
    return out


def score_unit(scores: Scores, gold: dict, pred: dict) -> None:
    """Add one sentence's dyads, directions, types, quads and signs to the totals."""
    t = scores.tallies
    t["dyads"].add(set(gold), set(pred))
    t["direction"].add({(d, g[0]) for d, g in gold.items()}, {(d, p[0]) for d, p in pred.items()})
    t["event_type"].add({(d, g[1]) for d, g in gold.items()}, {(d, p[1]) for d, p in pred.items()})
    t["quad_class"].add(
        {(d, g[1].quad_class) for d, g in gold.items()}, {(d, p[1].quad_class) for d, p in pred.items()}
    )
    signs = [(d, g[1].quad_class.is_cooperation) for d, g in gold.items()]
    t["sign"].add(set(signs), {(d, p[1].quad_class.is_cooperation) for d, p in pred.items()})
    for dyad, sign in signs:
        if dyad in pred:
            scores.sign_total += 1
            scores.sign_right += pred[dyad][1].quad_class.is_cooperation == sign
    scores.units += 1
    if gold:
        scores.codable += 1
        scores.covered += bool(pred)


def score_record(scores: Scores, record: GoldRecord, result: Extraction) -> None:
    """Score one gold record: per sentence for articles, as one unit for a single sentence."""
    scores.records += 1
    pred_actors = {canonical(a.code, record.cameo) for a in result.actors}
    scores.tallies["actors"].add({canonical(c, record.cameo) for c in record.actors}, pred_actors)
    if record.themes is not None:
        scores.tallies["themes"].add(record.themes, {t.value for t in result.themes})
    sentences = split_sentences(result.text)
    if len(sentences) <= 1 or not any(e.evidence for e in record.events):
        score_unit(
            scores, _gold_labels(record.events, record.cameo), _pred_labels(result.interactions, record.cameo)
        )
    else:
        for s in sentences:
            gold = [
                e for e in record.events if e.evidence and s.start <= result.text.find(e.evidence) < s.end
            ]
            pred = [c for c in result.interactions if s.start <= c.start < s.end]
            score_unit(scores, _gold_labels(gold, record.cameo), _pred_labels(pred, record.cameo))
    _check_commentary(scores, record, result)
    score_article(scores.articles, record, result)


def _sentence_span(text: str, evidence: str | None) -> tuple[int, int] | None:
    """The span of the sentence of text that holds the evidence, or None when it is not found."""
    at = text.find(evidence) if evidence else -1
    if at < 0:
        return None
    for s in split_sentences(text):
        if s.start <= at < s.end:
            return s.start, s.end
    return None


def _pred_signs(record: GoldRecord, result: Extraction, span: tuple[int, int] | None) -> dict:
    """Dyad -> signs of the scored predictions (within span when given), in text order."""
    out: dict[frozenset, list[bool]] = {}
    for c in result.interactions:
        if c.modality is Modality.COMMENTARY or (span and not span[0] <= c.start < span[1]):
            continue
        a, b = canonical(c.actor1, record.cameo), canonical(c.actor2, record.cameo)
        if a != b:
            out.setdefault(frozenset((a, b)), []).append(c.quad_class.is_cooperation)
    return out


def score_article(scores: ArticleScores, record: GoldRecord, result: Extraction) -> None:
    """Pairs found anywhere in the article; a pair's sign read in its evidence sentence when coded there."""
    everywhere = _pred_signs(record, result, None)
    seen: set[frozenset] = set()
    for number, event in enumerate(record.events):
        for dyad, (_, event_type) in _gold_labels([event], record.cameo).items():
            local = _pred_signs(record, result, _sentence_span(result.text, event.evidence)).get(dyad)
            sign = event_type.quad_class.is_cooperation
            if number == 0:
                scores.main_total += 1
                scores.main_right += sign in ((local or []) if event.evidence else everywhere.get(dyad, []))
            if dyad in seen:
                continue
            seen.add(dyad)
            scores.pairs += 1
            if dyad in everywhere:
                scores.pairs_found += 1
                scores.sign_right += (local or everywhere[dyad])[0] == sign
    found = {canonical(a.code, record.cameo) for a in result.actors}
    scores.furniture_actors += len(found & {canonical(c, record.cameo) for c in record.furniture_actors})
    if record.dated and record.printed_date:
        scores.dates_printed += 1
        scores.dates_right += result.date == record.printed_date
        scores.dates_wrong += bool(result.date) and result.date != record.printed_date


def _check_commentary(scores: Scores, record: GoldRecord, result: Extraction) -> None:
    for evidence in record.commentary:
        at = result.text.find(evidence)
        scores.commentary_scored += sum(
            1 for c in result.interactions if c.start <= at < c.end and c.modality is not Modality.COMMENTARY
        )
    for c in result.interactions:
        scores.forbidden_found += (
            frozenset((canonical(c.actor1, False), canonical(c.actor2, False))) in record.forbidden_dyads
        )


def evaluate(records: list[GoldRecord]) -> dict:
    """Every metric of issue 5 over the gold records, as a JSON-ready dict."""
    scores = Scores()
    for record in records:
        score_record(scores, record, extract(record.text, date=None if record.dated else record.date))
    return scores.as_dict()


def format_report(report: dict, name: str) -> str:
    """The report as a small plain-text table."""
    sizes = (report["records"], report["sentences"], report["dyadic_sentences"])
    head = "{} records, {} sentences, {} with a dyad".format(*sizes)
    lines = [
        f"Gold: {name} ({head})",
        f"{'metric':<12} {'precision':>9} {'recall':>7} {'F1':>6}   tp   fp   fn",
    ]
    for m in METRICS:
        r = report[m]
        figures = f"{r['precision']:>9.3f} {r['recall']:>7.3f} {r['f1']:>6.3f}"
        lines.append(f"{m:<12} {figures} {r['tp']:>4} {r['fp']:>4} {r['fn']:>4}")
    lines.append(
        f"sign accuracy on matched dyads: {report['sign_accuracy']} ({report['sign_matched_dyads']} dyads)"
    )
    lines.append(
        f"coverage (sentences with a gold dyad and >=1 interaction): {report['coverage']}; "
        f"of all sentences: {report['coverage_all_sentences']}"
    )
    scored, forbidden = report["commentary_scored"], report["forbidden_dyads_found"]
    lines.append(f"commentary scored: {scored}; forbidden dyads found: {forbidden}")
    a = report["article"]
    lines.append(
        f"per article: actor pairs found {a['pairs_found']} ({a['pairs']} pairs); sign right on found pairs "
        f"{a['pair_sign_right']}; main event found with right sign {a['main_event_right']} "
        f"({a['main_events']} articles)"
    )
    lines.append(
        f"themes P/R {report['themes']['precision']}/{report['themes']['recall']}; actors from furniture "
        f"{a['furniture_actors_found']}; dates found {a['dates_found']} ({a['dates_printed']} printed, "
        f"{a['dates_wrong']} wrong)"
    )
    return "\n".join(lines)
