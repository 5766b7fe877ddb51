"""Field data: the three samples imported and checked row by row against a hand-checked set; bad files.

Each expected row below was checked by hand against the raw sample line (../shared/samples/) and the rule
tables (bilateral/importers/mappings/): actors, date, PLOVER type, quad class, score, themes, provenance.
Rows that are skipped are checked for their reason.
"""

import gzip
from pathlib import Path

import pytest
from sqlalchemy import select

from bilateral import store
from bilateral.cli import main
from bilateral.importers import formats, mapping_process
from bilateral.importers.bulk import SeenKeys
from bilateral.importers.datasets import MAPPERS
from bilateral.importers.field import DUPLICATE, STORED, import_field_files
from bilateral.importers.formats import rows_of
from bilateral.importers.mapping import Skip, rules
from bilateral.model import Interaction
from bilateral.store.history import history_frame
from bilateral.store.tables import articles, interactions

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples"
GDELT = SAMPLES / "gdelt1_events_dev.tsv"
ICEWS = SAMPLES / "icews_events_dev.tab"
PLOVER = SAMPLES / "plover_gsr_dev.json"

pytestmark = pytest.mark.skipif(not GDELT.exists(), reason="needs ../shared/samples beside the repository")

NO_TYPE = "no PLOVER type for the CAMEO code (01: public statements)"
NO_COUNTRY = "actor without a country"
MISSING = "actor missing"
NOT_REGISTERED = "actor's state not in the registry"
NON_STATE = "non-state actor (sector not government or military)"
SAME = "both actors roll up to the same state"

# line: (actor1, actor2, date, type, quad, score, themes) or a skip reason
GDELT_ROWS = {
    1: NO_TYPE,  # USA, 010 make statement
    2: NO_COUNTRY,  # GOV without a country
    3: MISSING,  # USA -> nobody
    4: NO_COUNTRY,  # CVL
    5: NOT_REGISTERED,  # CAN -> USA: Canada is not in data/actors.jsonl
    6: MISSING,
    7: ("CHN", "AUS", "2016-07-27", "ACCUSE", 3, -2.0, "diplomacy"),  # 112 accuse, Goldstein -2
    8: ("CHN", "USA", "2016-07-27", "ACCUSE", 3, -2.0, "diplomacy"),  # CHNGOV rolled up to CHN
    9: NOT_REGISTERED,  # MYSBUS
    10: ("USA", "AUS", "2016-07-27", "AGREE", 1, 4.0, "diplomacy"),  # 030 intent to cooperate
    11: NO_COUNTRY,  # CHN -> REL (religion, no country)
    12: ("CHN", "IND", "2016-07-28", "ACCUSE", 3, -2.0, "diplomacy"),
    13: NO_COUNTRY,
    16: NO_TYPE,
    17: NO_TYPE,  # 012 is a 01 statement too
    21: NOT_REGISTERED,  # NZL
    24: NO_TYPE,
    25: MISSING,
    29: NOT_REGISTERED,  # PAK -> IDN
    62: (
        "EU",
        "GBR",
        "2016-07-28",
        "REQUEST",
        3,
        3.0,
        "diplomacy",
    ),  # IGOEUREEC bloc; 020 appeal, Goldstein +3
    143: ("USA", "DEU", "2016-07-28", "COERCE", 4, -5.0, "security"),  # 173 arrest -> COERCE; root 17 theme
}
GDELT_PROVENANCE = {  # line: (GLOBALEVENTID, source URL start, NumMentions, NumSources, NumArticles)
    7: ("564111704", "http://www.morningstaronline.co.uk/", 2, 1, 2),
    12: ("564112754", "http", 44, 1, 44),
    143: ("564157187", "http", 4, 1, 4),
}
ICEWS_ROWS = {
    2: NOT_REGISTERED,  # Bangladesh -> Vietnam
    3: NOT_REGISTERED,
    4: NO_TYPE,  # 014
    5: ("JPN", "VNM", "2018-06-01", "AGREE", 1, 4.5, "diplomacy"),  # the states themselves; intensity 4.5
    6: ("VNM", "JPN", "2018-06-01", "AGREE", 1, 4.5, "diplomacy"),
    7: NO_TYPE,
    8: ("JPN", "USA", "2018-06-01", "REQUEST", 3, 3.0, "diplomacy"),  # Aso Taro (Government) rolled up
    9: ("JPN", "USA", "2018-06-01", "AGREE", 1, 4.0, "diplomacy"),
    10: ("JPN", "USA", "2018-06-01", "CONSULT", 1, 2.5, "diplomacy"),  # 044 meet at a third location
    11: ("USA", "JPN", "2018-06-01", "AGREE", 1, 4.0, "diplomacy"),
    12: ("USA", "JPN", "2018-06-01", "CONSULT", 1, 2.5, "diplomacy"),
    13: ("USA", "CHN", "2018-06-01", "REQUEST", 3, -5.0, "diplomacy"),  # Trump; 102 demand
    14: ("CHN", "USA", "2018-06-01", "ACCUSE", 3, -2.0, "diplomacy"),
    15: NON_STATE,  # lawyer -> citizen
    16: ("PRK", "KOR", "2018-06-01", "REQUEST", 3, 3.0, "diplomacy"),
    17: NON_STATE,
    18: NON_STATE,  # police -> children: the target is not state-level
    20: NON_STATE,  # John Howard, opposition
    21: ("KOR", "RUS", "2018-06-01", "REQUEST", 3, 3.0, "diplomacy"),  # "Russia" / Russian Federation
    22: ("KOR", "USA", "2018-06-01", "CONSULT", 1, 7.0, "diplomacy"),  # 046 negotiate, intensity 7
    24: ("PRK", "USA", "2018-06-01", "CONSULT", 1, 7.0, "diplomacy"),  # Kim Yong-chol -> Pompeo
    26: NOT_REGISTERED,  # Trudeau: Canada
    300: SAME,  # two South Korean judges
}
ICEWS_PROVENANCE = {5: ("32891065", "47400359"), 13: ("32891068", "47400363"), 24: ("32891175", "47400387")}
PLOVER_ROWS = {
    2: "header record (DOCUMENT), not an event",
    14: NOT_REGISTERED,  # HUN + ROU
    43: NOT_REGISTERED,  # IGO (unspecified) -> JAP
    71: NOT_REGISTERED,  # USA + JOR
    127: NOT_REGISTERED,
    274: NON_STATE,  # TUR -> TUR REFKUR (refugees)
    303: ("RUS", "USA", "2000-01-01", "AGREE", 1, 4.0, "military"),  # context cbrn -> military
    333: NOT_REGISTERED,
    448: NOT_REGISTERED,  # RUS -> ARM
    597: NOT_REGISTERED,  # MAR
    628: ("USA", "RUS", "2000-01-01", "CONSULT", 1, 1.0, "diplomacy"),  # two sources, no target: mutual
    658: ("RUS", "JPN", "2000-01-01", "CONSULT", 1, 1.0, "diplomacy"),  # JAP is CAMEO's Japan
    840: (
        "USA",
        "RUS",
        "2000-01-01",
        "SUPPORT",
        1,
        3.5,
        "diplomacy",
    ),  # context legal: no theme, type default
    1779: ("POL", "RUS", "2000-01-01", "REQUEST", 3, -1.0, "diplomacy"),  # DEMAND (older name) -> REQUEST
    1809: ("CHN", "USA", "2000-01-01", "REQUEST", 3, -1.0, "military"),
    1925: ("GBR", "USA", "2000-01-01", "REQUEST", 3, -1.0, "trade"),  # context economic -> trade
    2613: ("DEU", "BLR", "2000-01-01", "REJECT", 3, -4.0, "trade;diplomacy"),
    2780: ("USA", "MMR", "2000-01-01", "REJECT", 3, -4.0, "trade"),
    3072: ("USA", "RUS", "2000-01-01", "THREATEN", 3, -6.0, "diplomacy"),
    99: NOT_REGISTERED,
    155: NOT_REGISTERED,
    188: NOT_REGISTERED,
}
PLOVER_PROVENANCE = {303: "PLOVER-GSR01-AGREE-0022", 628: "PLOVER-GSR01-CONSULT-0002"}
CASES = [("gdelt", GDELT, GDELT_ROWS), ("icews", ICEWS, ICEWS_ROWS), ("plover", PLOVER, PLOVER_ROWS)]


@pytest.fixture
def empty_store(store_url, monkeypatch):
    """An empty store of each engine (SQLite, PostgreSQL), chosen through BILATERAL_DB."""
    monkeypatch.setenv("BILATERAL_DB", store_url)
    return store.connect(seed=False)


def _mapped(kind: str, path: Path) -> dict[int, object]:
    """line -> (row, article) or the skip reason, for every row of a sample."""
    out = {}
    for _name, line, raw in rows_of(path, kind):
        try:
            out[line] = MAPPERS[kind](raw, rules())
        except Skip as skip:
            out[line] = skip.reason
    return out


@pytest.mark.parametrize(("kind", "path", "expected"), CASES)
def test_hand_checked_rows_map_as_expected(kind, path, expected):
    assert len(expected) >= 20
    mapped = _mapped(kind, path)
    for line, want in expected.items():
        got = mapped[line]
        if isinstance(want, str):
            assert got == want, f"line {line}"
            continue
        row = got[0]
        fields = ("actor1", "actor2", "date", "event_type", "quad_class", "score", "themes")
        assert tuple(row[f] for f in fields) == want, f"line {line}"
        assert row["dataset"] == kind and row["coder"] == "auto"


@pytest.mark.parametrize(("kind", "path", "expected"), CASES)
def test_every_kept_row_is_a_valid_interaction(kind, path, expected):
    """The bulk path builds rows without a model per row: each must still pass the one declaration."""
    for line, got in _mapped(kind, path).items():
        if isinstance(got, str):
            continue
        row = {k: v for k, v in got[0].items() if v is not None}
        record = Interaction.model_validate(row, context={"known_actors": set(rules().cameo_actors.values())})
        assert record.id == row["id"] and record.quad_class == row["quad_class"], f"line {line}"


@pytest.fixture(params=["in-process", "child"])
def mapping(request, monkeypatch):
    """Map the rows in this process, or (as for big inputs) in the child process; says which ran."""
    used = []
    if request.param == "child":
        monkeypatch.setattr(mapping_process, "IN_PROCESS_BYTES", 0)
        real = mapping_process._child

        def counted(*args):
            used.append(args)
            return real(*args)

        monkeypatch.setattr(mapping_process, "_child", counted)
    yield request.param
    assert bool(used) == (request.param == "child")


def test_samples_import_with_provenance_and_skips_counted(empty_store, mapping):
    progress = import_field_files(empty_store.engine, [GDELT, ICEWS, PLOVER])
    assert (progress.read, progress.kept) == (150 + 300 + 164, 6 + 97 + 10)
    assert progress.skipped[NO_TYPE] == 23 + 45
    assert sum(progress.skipped.values()) == progress.read - progress.kept
    with empty_store.engine.connect() as connection:
        stored = {r.source_row_id: r for r in connection.execute(select(interactions))}
        sources = dict(connection.execute(select(articles.c.id, articles.c.url)).all())
    gdelt_lines = _mapped("gdelt", GDELT)
    for line, (row_id, url, mentions, n_sources, n_articles) in GDELT_PROVENANCE.items():
        row = stored[row_id]
        assert row.source_url.startswith(url) and row.source_url == gdelt_lines[line][0]["source_url"]
        assert (row.num_mentions, row.num_sources, row.num_articles) == (mentions, n_sources, n_articles)
        assert sources[row.article_id] == row.source_url  # one source article per URL
        assert row.evidence is None and row.dataset == "gdelt"
    for row_id, story in ICEWS_PROVENANCE.values():
        assert stored[row_id].story_id == story and stored[row_id].dataset == "icews"
    for row_id in PLOVER_PROVENANCE.values():
        assert stored[row_id].evidence and stored[row_id].dataset == "plover"
    # nobody reviewed them: their source articles say so, and "Reviewed only" leaves them out
    with empty_store.engine.connect() as connection:
        states = connection.execute(select(articles.c.status).distinct()).scalars().all()
    assert states == ["machine"]


def test_importing_again_adds_nothing(empty_store):
    import_field_files(empty_store.engine, [GDELT, ICEWS, PLOVER])
    before, revision = empty_store.counts(), empty_store.revision()
    again = import_field_files(empty_store.engine, [GDELT, ICEWS, PLOVER])
    assert again.kept == 0 and again.articles == 0
    assert again.skipped[STORED] == 6 + 97 + 10
    assert empty_store.counts() == before and empty_store.revision() == revision + 1


def test_each_field_import_is_one_history_row_by_whoever_ran_it(empty_store, tmp_path):
    """A field import of a million rows shows in the History as one row: who, the files, what it added.
    A check (dry run) and a failed import write none."""
    import_field_files(empty_store.engine, [GDELT, ICEWS], actor="ana")
    import_field_files(empty_store.engine, [GDELT], actor="ben")  # again: adds nothing, still recorded
    import_field_files(empty_store.engine, [PLOVER], dry_run=True, actor="cy")
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    with pytest.raises(formats.EmptyFileError):
        import_field_files(empty_store.engine, [PLOVER, empty], actor="dee")
    imports = history_frame(empty_store.engine)
    imports = imports[imports["action"] == "Imported"]
    sources = len({r.article_id for r in _stored(empty_store) if r.dataset in ("gdelt", "icews")})
    assert list(imports["actor"]) == ["ben", "ana"]
    assert list(imports["changes"]) == [
        "0 articles, 0 interactions from gdelt1_events_dev.tsv",
        f"{sources} articles, 103 interactions from gdelt1_events_dev.tsv, icews_events_dev.tab",
    ]


def _stored(db) -> list:
    with db.engine.connect() as connection:
        return connection.execute(select(interactions)).all()


def test_duplicate_ids_in_one_import_are_reported_first_kept(empty_store, tmp_path):
    lines = GDELT.read_text(encoding="utf-8").splitlines(keepends=True)
    doubled = tmp_path / "doubled.tsv"
    doubled.write_text("".join(lines[6:8] + lines[6:7]), encoding="utf-8")
    progress = import_field_files(empty_store.engine, [doubled])
    assert progress.kept == 2 and progress.skipped[DUPLICATE] == 1
    assert progress.duplicates == [f"{doubled}:3: id 564111704 appears again"]


@pytest.mark.parametrize("batch", [1, 2, 5_000])
def test_duplicates_across_batches_and_files_are_reported_first_kept(
    empty_store, tmp_path, monkeypatch, batch, mapping
):
    monkeypatch.setattr(mapping_process, "CHUNK", batch)
    lines = GDELT.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "first.tsv", tmp_path / "second.tsv"
    first.write_text("".join(lines[6:8]), encoding="utf-8")  # two rows the mapping keeps
    second.write_text("".join(lines[7:8] + lines[6:7]), encoding="utf-8")
    progress = import_field_files(empty_store.engine, [first, second])
    assert progress.skipped[DUPLICATE] == 2 and progress.kept == 2
    assert [d.split(": id")[0] for d in progress.duplicates] == [f"{second}:1", f"{second}:2"]


def test_seen_keys_find_every_key_added_and_merge_their_runs():
    seen = SeenKeys()
    added = [f"gdelt\x1f{n}" for n in range(10_000)]
    for start in range(0, len(added), 700):
        seen.add(SeenKeys.hashes(added[start : start + 700]))
    assert seen.maybe_seen(SeenKeys.hashes(added)).all()
    assert not seen.maybe_seen(SeenKeys.hashes([f"gdelt\x1f{n}" for n in range(10_000, 11_000)])).any()
    assert len(seen.runs) <= 6


def _gdelt_lines() -> list[str]:
    return GDELT.read_text(encoding="utf-8").splitlines(keepends=True)


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _bad_files(tmp: Path) -> dict[str, tuple[Path, type, str]]:
    lines = _gdelt_lines()
    truncated = tmp / "truncated.tsv"
    truncated.write_text("".join(lines[:9]) + lines[9][:80], encoding="utf-8")
    columns = tmp / "columns.tsv"
    columns.write_text("".join(lines[:4]) + "\t".join(lines[4].split("\t")[:40]) + "\n", encoding="utf-8")
    latin = tmp / "latin.tsv"
    latin.write_bytes("".join(lines[:3]).encode() + (lines[3][:20] + "é" + lines[3][20:]).encode("latin-1"))
    empty = tmp / "empty.tsv"
    empty.write_bytes(b"")
    no_event = _zip(tmp / "readme.zip", {"README.md": b"no events here"})
    zero_zip = tmp / "zero.zip"
    zero_zip.write_bytes(b"")
    gzipped = tmp / "events.tsv.gz"
    gzipped.write_bytes(gzip.compress("".join(lines).encode()))
    cut = "".join(lines[:2]) + "\t".join(lines[2].split("\t")[:40]) + "\n"  # line 3 has 40 columns
    second_bad = _zip(tmp / "two.zip", {"a.tsv": "".join(lines).encode(), "b.tsv": cut.encode()})
    return {
        "truncated": (truncated, formats.TruncatedFileError, f"{truncated}:10:"),
        "columns": (columns, formats.ColumnCountError, f"{columns}:5:"),
        "encoding": (latin, formats.EncodingError, f"{latin}:4:"),
        "empty": (empty, formats.EmptyFileError, f"{empty}:1:"),
        "no event file": (no_event, formats.NoEventFileError, f"{no_event}:1:"),
        "0-byte zip": (zero_zip, formats.EmptyFileError, f"{zero_zip}:1:"),
        "gzip": (gzipped, formats.FieldFileError, f"{gzipped}:1: a gzip-compressed file"),
        "zip's second file": (second_bad, formats.ColumnCountError, f"{second_bad}!b.tsv:3:"),
    }


@pytest.mark.parametrize(
    "case",
    ["truncated", "columns", "encoding", "empty", "no event file", "0-byte zip", "gzip", "zip's second file"],
)
def test_a_bad_file_gives_a_named_error_and_leaves_the_store_unchanged(empty_store, tmp_path, case, mapping):
    import_field_files(empty_store.engine, [ICEWS])
    before, revision = empty_store.counts(), empty_store.revision()
    path, error, where = _bad_files(tmp_path)[case]
    with pytest.raises(error) as raised:
        import_field_files(empty_store.engine, [PLOVER, path])
    assert str(raised.value).startswith(where)
    assert empty_store.counts() == before and empty_store.revision() == revision


def test_zipped_gdelt_and_icews_import_like_plain_files(empty_store, tmp_path):
    gdelt_zip = _zip(tmp_path / "20160728.export.CSV.zip", {"20160728.export.CSV": GDELT.read_bytes()})
    icews_zip = _zip(tmp_path / "events.2018.zip", {"events.2018.tab": ICEWS.read_bytes()})
    assert formats.detect_format(gdelt_zip) == "gdelt" and formats.detect_format(icews_zip) == "icews"
    progress = import_field_files(empty_store.engine, [gdelt_zip, icews_zip])
    assert progress.kept == 6 + 97


def test_a_zip_of_several_event_files_imports_each_in_name_order(empty_store, tmp_path):
    """A zip of two yearly ICEWS files (each with its header) is read whole, not its first file only."""
    header, *rows = ICEWS.read_text(encoding="utf-8").splitlines(keepends=True)
    half = len(rows) // 2
    later, earlier = header + "".join(rows[half:]), header + "".join(rows[:half])
    both = _zip(tmp_path / "icews.zip", {"events.2.tab": later.encode(), "events.1.tab": earlier.encode()})
    assert formats.event_files(both) == ["events.1.tab", "events.2.tab"]
    read = [(name, line) for name, line, _ in formats.tab_rows(both, "icews")]
    assert len(read) == len(rows) and read[0] == (f"{both}!events.1.tab", 2)
    assert read[half] == (f"{both}!events.2.tab", 2)
    assert import_field_files(empty_store.engine, [both]).kept == 97  # as the plain file


def test_jsonl_plover_reads_like_the_array(tmp_path):
    import json

    records = json.loads(PLOVER.read_text(encoding="utf-8"))
    jsonl = tmp_path / "plover.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    from_array = [r for _, _, r in formats.plover_records(PLOVER)]
    from_lines = [(line, r) for _, line, r in formats.plover_records(jsonl)]
    assert from_array == [r for _, r in from_lines] and from_lines[-1][0] == len(records)
    assert formats.field_format(jsonl) == "plover"


def test_cli_imports_field_files_and_prints_reasons(empty_store, capsys):
    assert main(["import", str(GDELT), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "6 interactions added" in out and f"skipped 23: {NO_TYPE}" in out
    assert main(["import", "--format", "icews", str(ICEWS), "--quiet"]) == 0
    assert "97 interactions added" in capsys.readouterr().out


def test_a_zip_of_record_files_is_refused_by_name_not_read_as_plover(empty_store, tmp_path, capsys):
    """Our own JSONL records zipped: the import says what the file is (it read them as PLOVER and skipped
    every row as "unknown PLOVER event"); PLOVER records zipped are still PLOVER."""
    records = _zip(tmp_path / "records.zip", {"articles.jsonl": b'{"id": "a-1", "title": "T"}\n'})
    before = empty_store.counts()
    assert main(["import", str(records), "--quiet"]) != 0
    err = capsys.readouterr().err
    assert f"{records}!articles.jsonl:1: JSON lines without a PLOVER 'event'" in err and "unpack it" in err
    assert empty_store.counts() == before
    assert formats.field_format(_zip(tmp_path / "plover.zip", {"p.json": PLOVER.read_bytes()})) == "plover"


def test_a_json_array_of_records_is_refused_by_name_not_read_as_plover(empty_store, tmp_path, capsys):
    """Our records as one pretty-printed JSON array: the import read it as PLOVER ("0 added; skipped 10:
    unknown PLOVER event") and `validate` gave one "not valid JSON" per line; both now name the array's
    line and ask for JSON lines, and nothing is written. A PLOVER array is still PLOVER."""
    import json

    lines = (ROOT / "data" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:2]
    array = tmp_path / "records.json"
    array.write_text("\n" + json.dumps([json.loads(line) for line in lines], indent=1), encoding="utf-8")
    assert main(["init"]) == 0  # the store seeded from data/, as the import would on first use
    capsys.readouterr()
    before = empty_store.counts()
    assert main(["import", str(array), "--quiet"]) != 0
    err = capsys.readouterr().err
    assert f"{array}:2: a JSON array; a record file holds one JSON object per line (JSONL)" in err
    assert "PLOVER" not in err
    assert empty_store.counts() == before
    assert main(["validate", str(array)]) == 1
    out = capsys.readouterr()
    assert f"{array}:2: a JSON array" in out.out + out.err and "not valid JSON" not in out.out + out.err
    assert formats.field_format(array) is None and formats.field_format(PLOVER) == "plover"


@pytest.mark.parametrize(
    ("text", "error", "line"),
    [
        ('[\n {"id": "a", "event": "AGREE"},\n {"id": "b", "ev', formats.TruncatedFileError, 3),
        ('[\n {"id": "a", "event": "AGREE"}\n', formats.TruncatedFileError, 3),
        ('{"id": "a", "event": "AGREE"}\n{"id": "b", "eve', formats.TruncatedFileError, 2),
        ('{"id": "a", "event": "AGREE"}\n{"id": oops}\n{"id": "c"}\n', formats.BadJsonError, 2),
        ("[]", formats.EmptyFileError, 1),
    ],
)
def test_broken_plover_files_name_file_and_line(tmp_path, text, error, line):
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(error) as raised:
        list(formats.plover_records(path))
    assert str(raised.value).startswith(f"{path}:{line}:")


def test_an_older_database_gains_provenance_and_keeps_its_checks(tmp_path):
    """Migration 0005 on a first-version file: old rows are curated, range checks survive the rebuild."""
    import sqlite3

    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError
    from test_store import FIRST_VERSION_SCHEMA

    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(FIRST_VERSION_SCHEMA)
    conn.execute(
        "INSERT INTO articles VALUES ('a-old', 'Old', '2020-01-02', 'Wire', NULL, 'en', '', NULL, "
        "'reviewed', 'descriptive', '2020-01-03T00:00:00+00:00')"
    )
    conn.execute(
        "INSERT INTO interactions VALUES ('i-old', 'a-old', '2020-01-02', 'CHN', 'RUS', 'mutual', 'AGREE', "
        "1, 4.0, 'energy', 'fact', 'Old evidence.', 'human', 0.9)"
    )
    conn.commit()
    conn.close()
    db = store.connect(str(path), seed=False)
    with db.engine.connect() as connection:
        old = connection.execute(select(interactions)).mappings().one()
    assert (old["dataset"], old["evidence"], old["source_row_id"]) == ("curated", "Old evidence.", None)
    with pytest.raises(IntegrityError), db.engine.begin() as connection:
        connection.execute(text("UPDATE interactions SET score = 20"))
    assert import_field_files(db.engine, [GDELT]).kept == 6


def test_gdelt_2_and_backfile_widths_map_like_the_daily_file(tmp_path):
    """61 columns (2.0: ADM2 codes added, DATEADDED a timestamp) and 57 (1979-2013 backfile, no URL)."""
    daily = [line.rstrip("\n").split("\t") for line in _gdelt_lines()]
    v2 = tmp_path / "v2.tsv"
    v2.write_text(
        "".join(
            "\t".join(
                [*f[:39], "ADM2", *f[39:46], "ADM2", *f[46:53], "ADM2", *f[53:56], f[56] + "001500", f[57]]
            )
            + "\n"
            for f in daily
        ),
        encoding="utf-8",
    )
    backfile = tmp_path / "backfile.tsv"
    backfile.write_text("".join("\t".join(f[:57]) + "\n" for f in daily), encoding="utf-8")
    expected = {line: got[0] for line, got in _mapped("gdelt", GDELT).items() if not isinstance(got, str)}
    for path in (v2, backfile):
        mapped = {line: got[0] for line, got in _mapped("gdelt", path).items() if not isinstance(got, str)}
        assert mapped.keys() == expected.keys()
        for line, row in mapped.items():
            same = ("id", "actor1", "actor2", "date", "event_type", "score", "themes", "num_mentions")
            assert {k: row[k] for k in same} == {k: expected[line][k] for k in same}
            assert row["source_url"] == (expected[line]["source_url"] if path == v2 else None)


def test_a_reading_process_that_dies_is_a_named_error_with_its_last_words():
    """The child's own failure (here: asked for a function that does not exist) ends the stream with a
    BilateralError naming the work and the child's last line of stderr, not a hang or a pickle error."""
    from bilateral.errors import BilateralError
    from bilateral.helper_process import ChildStream

    with (
        ChildStream(
            "bilateral.importers.mapping_process:no_such_thing", (), "mapping the field rows"
        ) as child,
        pytest.raises(
            BilateralError, match=r"mapping the field rows failed: AttributeError: .*no_such_thing"
        ),
    ):
        list(child)
