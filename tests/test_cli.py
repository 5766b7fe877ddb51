"""The CLI, run in-process against a real database of each engine (SQLite file, PostgreSQL server)."""

import contextlib
import csv
import json
import re
import shutil

import pytest
from helpers import ROOT, run_cli, run_cli_process

from bilateral.cli import main
from bilateral.model.files import iter_raw_records
from bilateral.store import schema

BROKEN = ROOT / "tests" / "data" / "broken.jsonl"
GOOD = ROOT / "tests" / "data" / "good.jsonl"


@pytest.fixture
def db(store_url):
    return store_url


def test_validate_names_each_broken_line(db):
    result = run_cli("validate", str(BROKEN), db=db)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    expected = {
        (1, "date"),
        (2, "url"),
        (3, "themes"),
        (4, "score"),
        (5, "actor2"),
        (6, "line"),
    }
    found = {(int(line.split(":")[1]), line.split(":")[2].strip()) for line in lines}
    assert expected <= found
    assert all(line.startswith(f"{BROKEN}:") for line in lines)


def test_import_of_a_broken_file_adds_nothing(db):
    before = json.loads(run_cli("stats", "--json", db=db).stdout)
    result = run_cli("import", str(BROKEN), db=db)
    assert result.returncode == 1 and "nothing imported" in result.stdout
    after = json.loads(run_cli("stats", "--json", db=db).stdout)
    assert after["articles"] == before["articles"] and after["interactions"] == before["interactions"]


@pytest.mark.parametrize("command", ["import", "validate"])
@pytest.mark.parametrize("name", ["missing.jsonl", "missing.tsv", "folder"])
def test_a_missing_file_or_a_folder_is_a_named_error(command, name, tmp_path, monkeypatch, capsys):
    """A mistyped path (of either kind) or a folder: one line naming it and exit 1, not a traceback; the
    store is not even opened."""
    monkeypatch.setenv("BILATERAL_DB", str(tmp_path / "cli.sqlite3"))
    (tmp_path / "folder").mkdir()
    path = tmp_path / name
    assert main([command, str(path)]) == 1
    what = "a folder, not a file" if name == "folder" else "no such file"
    assert capsys.readouterr().err == f"error: {path}: {what}; nothing was read or written\n"
    assert not (tmp_path / "cli.sqlite3").exists()


@pytest.mark.parametrize(("name", "what"), [("sheet.ods", "an OpenDocument spreadsheet"),
                                            ("old.xls", "an Excel 97-2003 workbook")])  # fmt: skip
def test_a_spreadsheet_import_cannot_read_is_named_as_one(name, what, tmp_path, monkeypatch, capsys):
    """A spreadsheet other than .xlsx was read as field data and called "not UTF-8 (byte 13 of the line)";
    now the error says what it is and what to save it as, and the store is not even opened."""
    monkeypatch.setenv("BILATERAL_DB", str(tmp_path / "cli.sqlite3"))
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 a spreadsheet's bytes")
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}: {what}; save it as an Excel workbook (.xlsx) or its sheet as CSV")
    assert "nothing was read or written" in err and "UTF-8 (byte" not in err
    assert not (tmp_path / "cli.sqlite3").exists()


@pytest.mark.parametrize("name", ["team.sqlite3", "records.jsonl"])
def test_a_database_given_to_import_is_named_as_one(name, tmp_path, monkeypatch, capsys):
    """`import other.sqlite3` (another store, whatever its name) was called "not UTF-8 (byte 107 of the
    line)"; the error says it is a database and how its records come across, and neither store changes."""
    import sqlite3

    monkeypatch.setenv("BILATERAL_DB", str(tmp_path / "cli.sqlite3"))
    path = tmp_path / name
    with contextlib.closing(sqlite3.connect(path)) as other:
        other.execute("CREATE TABLE interactions (id TEXT)")
        other.commit()
    before = path.read_bytes()
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        f"error: {path}: a database, not a record file; to bring its records here, write them"
    )
    assert "nothing was read or written" in err and "UTF-8" not in err
    assert path.read_bytes() == before and not (tmp_path / "cli.sqlite3").exists()


def test_import_twice_adds_nothing_the_second_time(db, tmp_path):
    copy = shutil.copy(GOOD, tmp_path / "good.jsonl")
    first = run_cli("import", str(copy), db=db)
    assert first.returncode == 0, first.stdout + first.stderr
    assert first.stdout.strip() == "added 2 articles, 1 interaction; skipped 0 duplicates"
    second = run_cli("import", str(copy), db=db)
    assert second.stdout.strip() == "added 0 articles, 0 interactions; skipped 3 duplicates"


def test_import_reads_csv(db, tmp_path):
    articles = tmp_path / "articles.csv"
    articles.write_text("id,title,date,source,url\na-csv1,CSV synthetic article,2030-05-01,Test Wire,\n")
    interactions = tmp_path / "interactions.csv"
    interactions.write_text(
        "article_id,date,actor1,actor2,event_type,themes,evidence\n"
        "a-csv1,2030-05-01,USA,CHN,SANCTION,supply_chain;technology,Synthetic CSV evidence.\n"
    )
    result = run_cli("import", str(articles), str(interactions), db=db)
    assert result.stdout.strip() == "added 1 article, 1 interaction; skipped 0 duplicates", result.stdout
    stats = json.loads(run_cli("stats", "--json", "--dyad", "CHN-USA", "--theme", "technology", db=db).stdout)
    assert stats["by_event_type"].get("SANCTION", 0) >= 1


def test_import_reads_the_semicolon_csv_excel_saves_where_the_decimal_mark_is_a_comma(db, tmp_path):
    """Excel with German or French settings saves "CSV" with semicolons and numbers like -4,5; it was read as
    one column and every line called "has more cells than the header". Text keeps its commas."""
    articles = tmp_path / "artikel.csv"
    articles.write_bytes(
        b"\xef\xbb\xbfid;title;date;source;url\r\n"
        b"a-semi1;5,000 synthetic troops, one test;2030-06-01;Test Wire;\r\n"
    )
    interactions = tmp_path / "interaktionen.csv"
    interactions.write_bytes(
        b"\xef\xbb\xbfarticle_id;date;actor1;actor2;event_type;score;confidence;themes;evidence\r\n"
        b'a-semi1;2030-06-01;USA;CHN;SANCTION;-4,5;0,8;"supply_chain;technology";Synthetic, with a comma.\r\n'
    )
    ((_, _, article, _),) = iter_raw_records(articles)
    ((_, _, interaction, _),) = iter_raw_records(interactions)
    assert article["title"] == "5,000 synthetic troops, one test"
    assert (interaction["score"], interaction["confidence"]) == ("-4.5", "0.8")
    assert (interaction["themes"], interaction["evidence"]) == (
        "supply_chain;technology",
        "Synthetic, with a comma.",
    )
    result = run_cli("import", str(articles), str(interactions), db=db)
    assert result.stdout.strip() == "added 1 article, 1 interaction; skipped 0 duplicates", result.stderr
    exported = tmp_path / "out.jsonl"
    assert (
        run_cli(
            "export-data", "--from", "2030-06-01", "--to", "2030-06-01", "-o", str(exported), db=db
        ).returncode
        == 0
    )
    article, record = [json.loads(line) for line in exported.read_text().splitlines()]
    assert article["title"] == "5,000 synthetic troops, one test"
    assert (record["score"], record["confidence"], record["themes"]) == (
        -4.5,
        0.8,
        ["supply_chain", "technology"],
    )


def test_a_csv_excel_saved_in_windows_1252_is_named_by_line_and_byte(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BILATERAL_DB", str(tmp_path / "cli.sqlite3"))
    path = tmp_path / "ansi.csv"
    path.write_bytes(
        "id,title,date,source\na-1,Plain,2030-01-01,Wire\na-2,Gespr\u00e4ch,2030-01-02,Wire\n".encode(
            "cp1252"
        )
    )
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:3: is not UTF-8 text (byte 0xe4, character 10 of the line)" in err
    assert '"CSV UTF-8"' in err


def test_stats_json_has_the_documented_keys(db):
    stats = json.loads(run_cli("stats", "--json", db=db).stdout)
    for key in (
        "articles",
        "interactions",
        "date_min",
        "date_max",
        "by_theme",
        "by_dyad",
        "by_event_type",
        "by_quad_class",
        "by_year",
    ):
        assert key in stats
    assert all("-" in key and key == "-".join(sorted(key.split("-"))) for key in stats["by_dyad"])


def test_stats_in_words_name_the_classes_and_list_every_year_in_order(db):
    result = run_cli("stats", "--dyad", "CHN-RUS", "--theme", "energy", db=db)
    assert result.returncode == 0
    head, themes, quads, events, dyads, outlets, years = result.stdout.strip().splitlines()
    assert re.fullmatch(r"\d+ articles, \d+ interactions, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d", head)
    assert themes.startswith("themes: Energy ") and "Supply chain" in themes
    assert quads.startswith("quad classes: Verbal cooperation ") and "Material conflict" in quads
    assert events.startswith("event types: AGREE ") and dyads == f"dyads: CHN-RUS {head.split()[2]}"
    assert outlets.startswith("outlets (articles): ")
    listed = [int(y) for y in re.findall(r"(\d{4}) \d+", years.removeprefix("years: "))]
    assert listed == sorted(listed) and listed[0] == int(head.split(", ")[2][:4])
    everything = run_cli("stats", db=db).stdout.splitlines()[4]
    assert re.search(r"\(and \d+ more\)$", everything)  # the dyads beyond the 12 most frequent
    none = run_cli("stats", "--dyad", "BRICS-SAU", "--theme", "cyber", db=db).stdout.strip()
    assert none == "0 articles, 0 interactions: nothing matches the filter"


def test_filters_narrow_the_stats(db):
    everything = json.loads(run_cli("stats", "--json", db=db).stdout)
    cyber = json.loads(run_cli("stats", "--json", "--theme", "cyber", db=db).stdout)
    assert 0 < cyber["interactions"] < everything["interactions"]
    assert set(cyber["by_theme"]) == set(everything["by_theme"])


def test_bad_filter_value_exits_non_zero_with_a_message(db):
    result = run_cli("stats", "--theme", "astrology", db=db)
    assert result.returncode == 1 and "theme='astrology'" in result.stderr


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--from", "2020-13-01"], "error: from='2020-13-01' is not valid (a date YYYY-MM-DD)\n"),
        (
            ["--from", "2024-01-01", "--to", "2019-12-31"],
            "error: the period: 2024-01-01 is after 2019-12-31\n",
        ),
    ],
)
def test_a_bad_filter_stops_the_cli_with_what_is_wrong(flags, message, tmp_path, monkeypatch, capsys):
    """The dashboard ignores such a value with a note; the CLI stops, and does not say "Ignored"."""
    monkeypatch.setenv("BILATERAL_DB", str(tmp_path / "cli.sqlite3"))
    assert main(["stats", *flags]) == 1
    assert capsys.readouterr().err == message


def test_export_data_round_trips_through_import(db, tmp_path, new_db_url):
    out = tmp_path / "export.jsonl"
    assert (
        run_cli("export-data", "--format", "jsonl", "-o", str(out), "--theme", "cyber", db=db).returncode == 0
    )
    other = new_db_url("other")
    result = run_cli("import", str(out), db=other)
    assert result.returncode == 0 and "skipped" in result.stdout
    csv_out = tmp_path / "export.csv"
    assert run_cli("export-data", "--format", "csv", "-o", str(csv_out), db=db).returncode == 0
    assert csv_out.read_text(encoding="utf-8-sig").splitlines()[0].startswith("id,date,actor1,actor2,dyad")


def test_export_data_writes_the_format_its_file_name_says(db, tmp_path, monkeypatch, capsys):
    """`-o records.csv` is CSV without `--format csv` (it was JSON lines in a .csv); .xlsx is a workbook;
    a name without a suffix JSON lines; `--format` still wins."""
    import openpyxl

    monkeypatch.setenv("BILATERAL_DB", db)
    for name in ("r.csv", "r.xlsx", "r.jsonl", "r"):
        assert main(["export-data", "--theme", "cyber", "-o", str(tmp_path / name)]) == 0
    assert "(XLSX)" in capsys.readouterr().out
    rows = list(csv.DictReader((tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()))
    lines = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()]
    interactions = [r["id"] for r in lines if "event_type" in r]
    assert [r["id"] for r in rows] == interactions and (tmp_path / "r").read_text() == (
        tmp_path / "r.jsonl"
    ).read_text()
    book = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)
    assert book.sheetnames == ["Records", "Articles", "About"]
    assert [row[0] for row in book["Records"].iter_rows(min_row=2, values_only=True)] == interactions
    assert main(["export-data", "--theme", "cyber", "--format", "csv", "-o", str(tmp_path / "x.jsonl")]) == 0
    assert (tmp_path / "x.jsonl").read_text(encoding="utf-8-sig").startswith("id,date,")


@pytest.mark.parametrize(
    ("command", "name", "named"),
    [
        (["export-data"], "records.json", ".jsonl, .csv or .xlsx"),
        (["report"], "brief.docx", ".pdf or .html"),
        (["chart", "timeline"], "chart.jpg", ".png, .svg, .pdf or .html"),
    ],
)
def test_a_suffix_that_names_no_format_is_an_error_and_writes_nothing(
    db, command, name, named, tmp_path, monkeypatch, capsys
):
    """`report -o brief.docx` wrote a PDF under a name Word cannot open: a suffix the command cannot write
    is named with those it can, and nothing is written; `--format` still says what to write under any name."""
    monkeypatch.setenv("BILATERAL_DB", db)
    out = tmp_path / name
    assert main([*command, "--theme", "cyber", "-o", str(out)]) == 1
    assert f"{out}: cannot tell the format from '{out.suffix}' (name the file {named}, or give --format)" in (
        capsys.readouterr().err
    )
    assert not out.exists()
    given = {"export-data": "jsonl", "report": "html", "chart": "svg"}[command[0]]
    assert main([*command, "--theme", "cyber", "--format", given, "-o", str(out)]) == 0
    assert out.stat().st_size > 0


def test_export_data_to_stdout_keeps_its_message_out_of_the_data(db):
    """`-o /dev/stdout`: the file is written in place (not swapped for a file) and the "wrote" line goes to
    stderr; printed on stdout it landed in the data (over the CSV's first bytes when redirected)."""
    result = run_cli_process("export-data", "--format", "csv", "--theme", "cyber", "-o", "/dev/stdout", db=db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.lstrip("\ufeff").startswith("id,date,") and "wrote" not in result.stdout
    assert "interactions to /dev/stdout (CSV)" in result.stderr


def test_a_reader_that_stops_early_ends_the_command_quietly(db):
    """`python -m bilateral stats | head -1`: no BrokenPipeError traceback on stderr, exit code 1."""
    import os
    import subprocess
    import sys

    assert run_cli("stats", db=db).returncode == 0  # the store made first: its note is not the point here
    command = subprocess.Popen(
        [sys.executable, "-m", "bilateral", "stats"], cwd=ROOT, env={**os.environ, "BILATERAL_DB": str(db)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    command.stdout.close()  # the reader is gone before the first line
    errors = command.stderr.read().decode()
    assert command.wait(timeout=120) == 1 and errors == ""


def test_a_failed_export_names_its_file_and_leaves_the_earlier_one(tmp_path):
    from bilateral import export

    target = tmp_path / "records.csv"
    target.write_text("the earlier export", encoding="utf-8")

    def half_then_fail(handle):
        handle.write("id,date\nr-1,")
        raise OSError(28, "No space left on device")

    with pytest.raises(export.ExportError) as raised:
        export.write_whole(target, half_then_fail, text=True)
    assert str(raised.value) == f"cannot write {target}: No space left on device"
    assert target.read_text(encoding="utf-8") == "the earlier export" and list(tmp_path.iterdir()) == [target]


def test_export_data_in_an_order(db, tmp_path):
    """`--order tension` writes the most hostile records first; oldest first stays the default."""
    out = tmp_path / "hostile.csv"
    written = run_cli("export-data", "--format", "csv", "--order", "tension", "-o", str(out), db=db)
    assert written.returncode == 0
    scores = [float(r["score"]) for r in csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines())]
    assert scores[0] == min(scores) == -10 and scores == sorted(scores)
    plain = tmp_path / "plain.csv"
    assert run_cli("export-data", "--format", "csv", "-o", str(plain), db=db).returncode == 0
    dates = [r["date"] for r in csv.DictReader(plain.read_text(encoding="utf-8-sig").splitlines())]
    assert dates == sorted(dates)
    wrong = run_cli("export-data", "--order", "loudest", "-o", str(out), db=db)
    assert wrong.returncode == 2 and "invalid choice: 'loudest'" in wrong.stderr


def test_init_creates_upgrades_and_seeds_on_each_engine(db):
    first = run_cli("init", db=db)
    assert first.returncode == 0, first.stderr
    found = re.search(r"schema (\w+), (\d+) articles, (\d+) interactions", first.stdout)
    assert found and found[1] == schema.head_revision() and int(found[3]) >= 577
    again = run_cli("init", db=db)
    assert again.returncode == 0 and again.stdout == first.stdout


def test_a_new_database_is_announced_once(tmp_path, monkeypatch, capsys):
    """A mistyped BILATERAL_DB opened an empty store in silence, the analyst's records seemingly gone: the
    first command says that it created one and where; the next says nothing."""
    path = tmp_path / "typo" / "bilateral.sqlite3"
    monkeypatch.setenv("BILATERAL_DB", str(path))
    assert main(["stats", "--json"]) == 0
    first = capsys.readouterr()
    assert first.err == f"note: no database at {path}: created a new one\n"
    assert json.loads(first.out)["articles"] > 0
    assert main(["stats", "--json"]) == 0
    assert capsys.readouterr().err == ""


def test_an_interrupted_import_ends_in_one_line_and_writes_nothing(tmp_path):
    """Ctrl-C during an import printed a traceback ending in "Cannot operate on a closed database" (the
    bulk session's settings restored on a connection the interrupt had dropped). Now one line, exit 130,
    and the store as it was."""
    import os
    import signal
    import subprocess
    import sys

    from bilateral.bench.generate import generate

    path = tmp_path / "synthetic.jsonl"
    generate(path, 200_000)
    db = tmp_path / "store.sqlite3"
    before = json.loads(run_cli("stats", "--json", db=db).stdout)
    command = subprocess.Popen(
        [sys.executable, "-m", "bilateral", "import", str(path)], cwd=ROOT,
        env={**os.environ, "BILATERAL_DB": str(db)}, stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip
    seen = b""
    while b"records read" not in seen:  # the first progress line: the import is under way
        seen += command.stderr.read1(256) or b""
        assert command.poll() is None, seen
    command.send_signal(signal.SIGINT)
    rest = command.stderr.read().decode()
    assert command.wait(timeout=120) == 130, rest
    assert "Traceback" not in rest and rest.endswith(
        "interrupted: what was being written was not written (each import, save or file is whole or not at "
        "all)\n"
    )
    after = json.loads(run_cli("stats", "--json", db=db).stdout)
    assert (after["articles"], after["interactions"]) == (before["articles"], before["interactions"])
