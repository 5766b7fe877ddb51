"""`python -m bilateral extract` and `evaluate`, through the real CLI in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_cli as run

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
SHARED = ROOT.parent / "shared"  # CI: a fresh clone with a copy of shared/ beside it
SEED = SHARED / "seed" / "china_russia_ties_article.txt"
PLOVER = SHARED / "samples" / "plover_gsr_dev.json"


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed article is not on this machine")
def test_extract_seed_json_meets_the_done_when():
    out = run("extract", str(SEED), "--source", "web", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {"article", "actors", "interactions", "themes"}
    assert data["article"]["date"] is None and data["article"]["source"] == "web"
    assert {"CHN", "RUS", "USA", "WEST"} <= {a["code"] for a in data["actors"]}
    assert {"military", "energy", "supply_chain"} <= set(data["themes"])
    rows = data["interactions"]
    keys = {
        "actor1",
        "actor2",
        "direction",
        "event_type",
        "quad_class",
        "score",
        "themes",
        "modality",
        "negated",
        "evidence",
        "start",
        "end",
        "confidence",
    }
    assert all(keys <= set(r) for r in rows)
    text = data["article"]["text"]
    assert all(text[r["start"] : r["end"]].replace("\n", " ") == r["evidence"] for r in rows)
    accuse = [r for r in rows if r["event_type"] == "ACCUSE"]
    assert accuse and accuse[0]["actor1"] == "USA" and accuse[0]["actor2"] == "CHN"
    assert accuse[0]["score"] < 0 and accuse[0]["modality"] == "reported" and "cyber" in accuse[0]["themes"]
    coop = [
        r
        for r in rows
        if {r["actor1"][:3], r["actor2"][:3]} == {"CHN", "RUS"} and r["modality"] != "commentary"
    ]
    assert len(coop) >= 4 and all(r["score"] > 0 for r in coop)
    assert not [r for r in rows if "USA" in (r["actor1"], r["actor2"]) and "Carlson" in r["evidence"]]
    assert all(
        r["modality"] == "commentary"
        for r in rows
        if "poised" in r["evidence"] or "Such cooperation" in r["evidence"]
    )


def test_extract_stdin_and_batch(tmp_path):
    out = run("extract", "-", stdin="Russia deployed troops along the border with Finland.")
    assert out.returncode == 0 and "RUS -> FIN  MOBILIZE" in out.stdout
    batch = tmp_path / "in.jsonl"
    batch.write_text(
        '{"id": "a", "text": "China urged the United States to stop."}\n{"id": "b", "text": "No actors."}\n'
    )
    out = run("extract", "--batch", str(batch), "-o", str(tmp_path / "out.jsonl"))
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"] and lines[0]["interactions"][0][
        "event_type"
    ] == "REQUEST"


def test_errors_name_the_file_and_line(tmp_path):
    assert "missing.txt" in run("extract", str(tmp_path / "missing.txt")).stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    out = run("extract", "--batch", str(bad))
    assert out.returncode == 1 and "bad.jsonl:1" in out.stderr


def test_evaluate_gold_sentences_json():
    out = run("evaluate", str(GOLD / "sentences.jsonl"), "--json")
    report = json.loads(out.stdout)
    assert report["records"] >= 40
    assert report["actors"]["f1"] >= 0.9 and report["sign_accuracy"] >= 0.85 and report["coverage"] >= 0.7
    assert report["commentary_scored"] == 0 and report["forbidden_dyads_found"] == 0


def test_evaluate_seed_article():
    report = json.loads(run("evaluate", str(GOLD / "seed_article.jsonl"), "--json").stdout)
    assert report["actors"]["f1"] >= 0.9 and report["dyads"]["recall"] >= 0.7
    assert report["commentary_scored"] == 0 and report["forbidden_dyads_found"] == 0


@pytest.mark.skipif(not PLOVER.exists(), reason="the PLOVER sample is not on this machine")
def test_evaluate_plover_prints_every_metric():
    out = run("evaluate", str(PLOVER))
    assert out.returncode == 0
    for metric in ("actors", "dyads", "direction", "event_type", "quad_class", "sign", "themes", "coverage"):
        assert metric in out.stdout
    report = json.loads(run("evaluate", str(PLOVER), "--json").stdout)
    assert report["records"] == 163 and report["sign_accuracy"] >= 0.85 and report["coverage"] >= 0.7


def test_extract_html_file_gives_metadata_dates_and_furniture(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Talks | Test Desk</title><meta property='og:site_name' content='Test Desk'>"
        "<meta property='article:published_time' content='2021-09-14'></head><body><article>"
        "<h1>Talks</h1><p>Turkey and Armenia held talks in Ankara on Tuesday.</p>"
        "<p>Read more: Japan and Iran talk</p></article></body></html>",
        encoding="utf-8",
    )
    out = run("extract", str(page), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["article"]["date"] == "2021-09-14" and data["article"]["date_source"] == "page metadata"
    assert data["article"]["source"] == "Test Desk"
    assert {a["code"] for a in data["actors"]} == {"TUR", "ARM"}
    assert data["interactions"][0]["date"] == "2021-09-14"
    assert data["interactions"][0]["date_source"].startswith("'on Tuesday'")


def test_evaluate_prints_the_per_article_figures():
    out = run("evaluate", str(GOLD / "articles.jsonl"))
    assert out.returncode == 0, out.stderr
    assert "per article: actor pairs found" in out.stdout and "dates found 1.0" in out.stdout


def _curated(**fields) -> dict:
    row = {"id": "i-1", "article_id": "a-1", "date": "2021-09-14", "direction": "directed", "quad_class": 1}
    return {**row, "score": 3.0, "themes": ["diplomacy"], "modality": "fact", "coder": "human", **fields}


def test_evaluate_scores_the_extractor_against_the_curated_records(tmp_path):
    """The curated interactions are gold too: one record per evidence sentence, every pair coded from it."""
    talks = "Turkey and Armenia held talks in Ankara on Tuesday."
    rows = [
        _curated(actor1="TUR", actor2="ARM", direction="mutual", event_type="CONSULT", evidence=talks),
        _curated(actor1="ARM", actor2="TUR", event_type="SUPPORT", evidence=talks),
        _curated(actor1="JPN", actor2="IRN", event_type="CONSULT", evidence="Ties look set to grow.",
                 modality="commentary"),
    ]  # fmt: skip
    path = tmp_path / "interactions.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    report = json.loads(run("evaluate", str(path), "--json").stdout)
    assert report["records"] == 2 and report["dyadic_sentences"] == 1
    assert report["dyads"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}
    assert report["commentary_scored"] == 0

    curated = [json.loads(line) for line in (ROOT / "data" / "interactions.jsonl").open(encoding="utf-8")]
    report = json.loads(run("evaluate", str(ROOT / "data" / "interactions.jsonl"), "--json").stdout)
    assert report["records"] == len({r["evidence"] for r in curated if r.get("evidence")})
    assert report["dyads"]["precision"] >= 0.8 and report["sign_accuracy"] >= 0.85


def test_evaluate_names_the_line_of_a_curated_file_that_is_no_interaction(tmp_path):
    talks = _curated(actor1="TUR", actor2="ARM", event_type="CONSULT", evidence="Turkey and Armenia met.")
    path = tmp_path / "interactions.jsonl"
    path.write_text(json.dumps(talks) + "\n" + json.dumps({**talks, "event_type": "TALK"}) + "\n")
    out = run("evaluate", str(path))
    assert out.returncode == 1 and f"{path}:2: not a curated interaction" in out.stderr
    assert "'TALK' is not a valid EventType" in out.stderr
    path.write_text(json.dumps(talks) + "\nnot json\n")
    assert f"{path}:2: not a curated interaction" in run("evaluate", str(path)).stderr


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('{"id": "s1", "text": "China and Russia held talks."}\n{"id": "s2"}\n', ":2: bad gold record"),
        (
            '[{"event": "CONSULT", "text": "Talks were held."}]',
            ": not a PLOVER gold-standard file",
        ),
    ],
)
def test_a_gold_record_without_a_field_names_the_field_as_missing(text, where, tmp_path):
    """A bare KeyError read "bad gold record: 'text'"; the message says the field is missing and which files
    the command reads."""
    from bilateral.errors import ExtractError
    from bilateral.extract.evaluate import load_gold

    path = tmp_path / ("gold.json" if text.startswith("[") else "gold.jsonl")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ExtractError) as caught:
        load_gold(path)
    message = str(caught.value)
    assert (
        message.startswith(f"{path}{where}: the field '") and "' is missing (gold files: our gold" in message
    )


def test_the_articles_gold_is_what_its_builder_writes(tmp_path, monkeypatch):
    """articles.jsonl is generated by build_articles.py: an edit made to one and not the other (two articles'
    joint statements were AGREE in the JSONL and COOPERATE in the builder) would be lost on the next build."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_articles", GOLD / "build_articles.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    monkeypatch.setattr(builder, "OUT", tmp_path / "articles.jsonl")
    builder.main()
    assert (tmp_path / "articles.jsonl").read_text(encoding="utf-8") == (GOLD / "articles.jsonl").read_text(
        encoding="utf-8"
    )
