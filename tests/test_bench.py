"""The benchmark runs end to end on a small generated set, reports every page and step; its data is valid."""

import json

import pytest

from bilateral.bench.generate import SEARCH_WORD, generate, read_sample
from bilateral.bench.report import format_report
from bilateral.bench.run import FILTERS, run_bench
from bilateral.cli import main
from bilateral.page_steps import PAGES
from bilateral.registry import load_actors
from bilateral.store import DATA_DIR


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return run_bench(
        rows=3000, repeat=1, keep=tmp_path_factory.mktemp("bench"), log=lambda _: None, quick=True
    )


def test_report_has_every_page_and_step_with_positive_figures(report):
    assert report["rows"] >= 3000 and report["import"]["rows_per_s"] > 0
    assert report["import"]["peak_mb_whole_command"] > 0 and report["pandas_pass"]["ms"] > 0
    assert report["mirror"]["first_sync_seconds"] > 0 and report["mirror"]["rows"] == report["rows"]
    assert set(report["filters"]) == {name for name, _ in FILTERS}
    for entry in report["filters"].values():
        assert list(entry["pages"]) == list(PAGES)
        for page, steps in PAGES.items():
            timed = entry["pages"][page]
            assert list(timed["steps"]) == [s.name for s in steps]
            assert timed["warm_ms"] > 0 and timed["cold_ms"] > 0 and timed["ratio_to_pandas_pass"] > 0
            # a step may round to 0.0 ms (the unfiltered headline reads two counts); none is negative
            assert all(s["warm_ms"] >= 0 and s["warm_db_ms"] >= 0 for s in timed["steps"].values())
    assert report["filters"]["none"]["pages"]["timeline"]["figure_json_bytes"] > 0
    text = format_report(report)
    assert all(page in text for page in PAGES) and "interactions/s" in text
    json.dumps(report)


def test_generated_data_is_marked_synthetic_and_valid(tmp_path, monkeypatch, capsys):
    path = tmp_path / "synthetic.jsonl"
    counts = generate(path, 2000)
    assert counts["interactions"] == 2000 and 500 < counts["articles"] < 1000
    sample = read_sample(path, 5000)
    codes = set(load_actors())
    for record in sample:
        if "article_id" in record:
            assert "SYNTHETIC" in record["evidence"]
            assert record["actor1"] in codes and record["actor2"] in codes
        else:
            assert "SYNTHETIC" in record["title"] and "SYNTHETIC" in record["summary"]
    rows = [r for r in sample if "article_id" in r]
    assert {r["modality"] for r in rows} >= {"fact", "commentary"}
    assert len({t for r in rows for t in r["themes"]}) == 10
    assert {r["date"][:4] for r in rows} >= {"2001", "2025"}
    assert any(SEARCH_WORD in r["evidence"] for r in rows)
    monkeypatch.setenv("BILATERAL_DB", str(tmp_path / "check.sqlite3"))
    assert main(["validate", str(path)]) == 0
    assert "1 file valid" in capsys.readouterr().out


def test_bench_never_writes_into_data():
    with pytest.raises(ValueError, match="never writes into data/"):
        run_bench(rows=10, keep=DATA_DIR / "bench")
