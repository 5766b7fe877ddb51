"""The bulk import path (JSONL parsed in blocks, validated column by column) gives exactly what the per-line
path gives: the same stored values for every record, the same problems word for word, whatever the value,
the file's layout (blank lines, CRLF, a BOM, explicit nulls, nested interactions) or where a block ends.
"""

import datetime as dt
import io
import json
import re

import pytest
from helpers import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bilateral import export, store
from bilateral.analysis import open_mirror
from bilateral.errors import FileFormatError, RecordError
from bilateral.filters import Filter
from bilateral.importers import blocks
from bilateral.importers.blocks import ARTICLE_FIELDS, BlockReader
from bilateral.importers.dispatch import import_paths
from bilateral.importers.stream import import_files
from bilateral.model import Theme
from bilateral.model.files import ARTICLES_ADVICE, is_interaction, iter_raw_records
from bilateral.model.validation import article_from_dict, interaction_from_dict
from bilateral.registry import load_actors
from bilateral.store.tables import articles, interactions

ACTORS = set(load_actors())
ADDED_AT = ARTICLE_FIELDS.index("added_at")


def per_line(path):
    """What the per-line path makes of a file: (articles, interactions, problems), as the blocks give them."""
    found_articles, found_interactions, problems = [], [], []
    for _where, number, raw, problem in iter_raw_records(path):
        if problem:
            problems.append(problem)
            continue
        if is_interaction(raw):
            records = [(interaction_from_dict(raw, str(path), number, ACTORS), True)]
        else:
            nested = raw.pop("interactions", None) or []
            article, found = article_from_dict(raw, str(path), number)
            records = [((article, found), False)]
            for child in nested if article else ():
                child = {**child, "article_id": article.id, "date": child.get("date") or article.date}
                records.append((interaction_from_dict(child, str(path), number, ACTORS), True))
        for (record, found), interaction in records:
            problems += found
            if record is not None:
                target = found_interactions if interaction else found_articles
                target.append((number, blocks.stored_values(record)))
    return found_articles, found_interactions, problems


def by_blocks(path):
    found_articles, found_interactions, problems = [], [], []
    for block in BlockReader(ACTORS).blocks(path):
        found_articles += block.articles
        found_interactions += block.interactions
        problems += block.problems
    return found_articles, found_interactions, problems


def without_stamp(rows):
    return [(n, values[:ADDED_AT] + values[ADDED_AT + 1 :]) for n, values in rows]


def assert_same(path):
    expected, got = per_line(path), by_blocks(path)
    assert without_stamp(got[0]) == without_stamp(expected[0])
    assert got[1] == expected[1]
    assert sorted(got[2], key=lambda p: (p.line, p.field)) == sorted(
        expected[2], key=lambda p: (p.line, p.field)
    )
    return got


ARTICLE = {"id": "a-1", "title": "Talks in Beijing", "date": "2024-02-08", "source": "Example Wire",
           "url": "https://example.org/news/1", "status": "reviewed"}  # fmt: skip
INTERACTION = {"id": "i-1", "article_id": "a-1", "date": "2024-02-08", "actor1": "CHN", "actor2": "RUS",
               "event_type": "CONSULT", "themes": ["diplomacy"], "evidence": "The two sides held a call.",
               "modality": "fact", "confidence": 0.9}  # fmt: skip

# Values that the rules normalise, default, or refuse: each must come out exactly as the per-line path has it.
VARIANTS = {
    "id": [None, "", "  i-spaced  ", "i-\u00e9", 5],
    "date": ["2024-02-30", " 2024-02-08 ", "2024-2-8", "", 20240208, "2024-02-08T00:00:00"],
    "actor1": ["RUS", "XXX", "", " CHN", "chn"],
    "actor2": ["CHN", "USA", ""],
    "event_type": ["consult", " AGREE", "NOPE", "", "ASSAULT", 3],
    "quad_class": [1, 2, 4, 7, "2", None, 2.0],
    "score": [5, "3.5", 11, -10, 2.345, "x", None, float("nan")],
    "themes": [
        "energy;trade",
        "energy | military",
        [],
        ["energy", "energy"],
        ["nope"],
        "",
        ["trade", "energy"],
        5,
    ],
    "modality": ["intent", "INTENT", "nope", ""],
    "direction": ["mutual", "sideways"],
    "evidence": ["", "  padded evidence  ", "\u00abquoted\u00bb", None, "line\nbreak", "x" * 3000],
    "coder": ["auto", "robot"],
    "confidence": [0.5, 1.5, "0.25", True],
    "dataset": ["gdelt", "nope", "curated"],
    "source_row_id": ["123", "", 77],
    "source_url": ["https://example.org/s", "ftp://x", "http://a b"],
    "num_mentions": [3, -1, "7", 2.5],
    "article_id": ["a-2", "", "a-missing"],
    "title": ["", "  padded  ", "\u2028odd\u2028", 7],
    "source": ["", "Wire "],
    "url": [
        "HTTPS://EXAMPLE.ORG/X",
        "javascript:alert(1)",
        "",
        "https://example.org/news/1",
        "https://e.org/a b",
        "https://example.org/\u00e9",
    ],
    "status": ["draft", "nope", ""],
    "language": ["", " ru ", 3],
    "summary": [None, "  s  ", 4],
    "title_kind": ["headline", "nope", ""],
}


def _lines(records):
    return [json.dumps(r, ensure_ascii=False) for r in records]


@pytest.mark.parametrize("chunk", [64, 300, 8 << 20])
def test_every_variant_comes_out_as_the_per_line_path_has_it(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(blocks, "CHUNK_BYTES", chunk)
    records = [ARTICLE, {**ARTICLE, "id": "a-2", "url": "https://example.org/news/2"}, INTERACTION]
    for field, values in VARIANTS.items():
        base = ARTICLE if field in ARTICLE and field not in INTERACTION else INTERACTION
        for n, value in enumerate(values):
            records.append({**base, "id": f"{field}-{n}" if field != "id" else value, field: value})
    path = tmp_path / "variants.jsonl"
    path.write_text("\n".join(_lines(records)) + "\n", encoding="utf-8")
    got = assert_same(path)
    assert got[1] and got[2], "the file holds both accepted and refused records"


def test_layout_blank_lines_crlf_bom_nulls_and_nested_interactions(tmp_path, monkeypatch):
    monkeypatch.setattr(blocks, "CHUNK_BYTES", 128)
    nested = {
        **ARTICLE,
        "id": "a-3",
        "url": None,
        "interactions": [{**INTERACTION, "id": None, "article_id": None}],
    }
    lines = _lines([ARTICLE, INTERACTION, {**INTERACTION, "id": "i-2", "score": None}, nested])
    text = (
        "\ufeff"
        + "\r\n".join(lines[:2])
        + "\r\n\r\n   \n\t\n"
        + "\n".join(lines[2:])
        + "\n\n[1, 2]\n{broken\n"
    )
    path = tmp_path / "layout.jsonl"
    path.write_bytes(text.encode("utf-8"))
    articles_got, interactions_got, problems = assert_same(path)
    assert [n for n, _ in articles_got] == [1, 7]
    assert len(interactions_got) == 3
    assert [p.message for p in problems] == [
        "must be a JSON object {...}",
        "not valid JSON (Expecting property name enclosed in double quotes)",
    ]


def test_a_file_that_is_not_utf8_is_named_with_its_line(tmp_path):
    path = tmp_path / "latin.jsonl"
    path.write_bytes(
        json.dumps(ARTICLE).encode() + b"\n" + '{"title": "caf\u00e9"}'.encode("latin-1") + b"\n"
    )
    with pytest.raises(FileFormatError, match=r"latin.jsonl:2: is not UTF-8 text"):
        by_blocks(path)


WORDS = ["", " ", "CHN", "RUS", "USA", "energy", "2024-02-08", "CONSULT", "agree", "https://example.org/x",
         "a-1", "auto", "gdelt", "\u3000"]  # fmt: skip
TEXT = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(WORDS))
VALUE = st.one_of(TEXT, st.integers(-3, 12), st.floats(-12, 12), st.booleans(), st.lists(TEXT, max_size=3))


CHANGES = st.dictionaries(st.sampled_from(sorted(VARIANTS)), VALUE, max_size=5)


@given(st.lists(st.tuples(st.booleans(), CHANGES), min_size=1, max_size=30))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_records_come_out_as_the_per_line_path_has_them(tmp_path_factory, rows):
    records = [{**(INTERACTION if inter else ARTICLE), **changes} for inter, changes in rows]
    path = tmp_path_factory.mktemp("fuzz") / "rows.jsonl"
    path.write_text("\n".join(_lines(records)) + "\n", encoding="utf-8")
    assert_same(path)


@pytest.fixture
def db(store_url):
    return store.connect(store_url, seed=False)


def stored(db):
    with db.engine.connect() as connection:
        return (
            dict(connection.execute(select(articles.c.id, articles.c.url)).all()),
            dict(connection.execute(select(interactions.c.id, interactions.c.article_id)).all()),
        )


def test_import_across_blocks_redirects_url_duplicates_and_waits_for_late_articles(db, tmp_path, monkeypatch):
    monkeypatch.setattr(blocks, "CHUNK_BYTES", 200)
    records = [
        {**INTERACTION, "id": "i-early", "article_id": "a-late"},  # its article comes further down
        ARTICLE,
        *[{**INTERACTION, "id": f"i-{n}"} for n in range(10)],
        {**ARTICLE, "id": "a-dup", "title": "Same page again"},  # same URL as a-1: attaches to a-1
        {**INTERACTION, "id": "i-dup", "article_id": "a-dup"},
        {**ARTICLE, "id": "a-late", "url": "https://example.org/news/late"},
    ]
    path = tmp_path / "order.jsonl"
    path.write_text("\n".join(_lines(records)) + "\n", encoding="utf-8")
    result = import_files(db.engine, [path], ACTORS)
    assert (result.articles, result.interactions, result.skipped) == (2, 12, 1)
    got_articles, got_interactions = stored(db)
    assert set(got_articles) == {"a-1", "a-late"}
    assert got_interactions["i-dup"] == "a-1" and got_interactions["i-early"] == "a-late"
    again = import_files(db.engine, [path], ACTORS)
    assert (again.articles, again.interactions, again.skipped) == (0, 0, len(records))


def test_a_refused_import_names_every_problem_and_writes_nothing(db, tmp_path):
    records = [ARTICLE, INTERACTION, {**INTERACTION, "id": "i-x", "article_id": "a-nowhere"},
               {**INTERACTION, "id": "i-y", "score": 40}]  # fmt: skip
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(_lines(records)) + "\n", encoding="utf-8")
    with pytest.raises(RecordError) as error:
        import_files(db.engine, [path], ACTORS)
    assert [str(p) for p in error.value.problems] == [
        f"{path}:4: score: 40 is out of range; must be between -10 and 10",
        f"{path}:3: article_id: no article with id 'a-nowhere'",
    ]
    assert stored(db) == ({}, {})


def _hint(name: str, near: str) -> str:
    return (f"{name}: not a field of the record format; did you mean {near}? rename the column, or remove it "
            "to leave its values out")  # fmt: skip


def test_a_column_no_record_field_takes_is_named_once_and_nothing_is_written(db, tmp_path, monkeypatch):
    """A misspelt column ('sumary') was ignored and its values lost on import, with '1 file valid'; it is
    named, once a file, with the field it was likely meant to be, in JSONL (read in blocks or line by line,
    nested interactions too), CSV and a workbook; the exports' state dyad column is read and left."""
    monkeypatch.setattr(blocks, "CHUNK_BYTES", 400)  # lines in several chunks: once per file, not per chunk
    records = [{**ARTICLE, "sumary": "Lost?"}, {**INTERACTION, "dyad": "CHN-RUS"},
               {**ARTICLE, "id": "a-2", "url": None, "sumary": "Again", "interactions": [
                   {**INTERACTION, "id": "i-2", "article_id": None, "evidnce": "x"}]}]  # fmt: skip
    path = tmp_path / "typo.jsonl"
    path.write_text("\n".join(_lines(records)) + "\n", encoding="utf-8")
    expected = [f"{path}:1: {_hint('sumary', 'summary')}", f"{path}:3: {_hint('evidnce', 'evidence')}"]
    for read in (by_blocks, per_line):
        assert [str(p) for p in read(path)[2]] == expected, read
    with pytest.raises(RecordError):
        import_files(db.engine, [path], ACTORS)
    assert stored(db) == ({}, {})
    csv_path = tmp_path / "typo.csv"
    csv_path.write_text("id,date,acto1,actor2,dyad,event_type,evidence,article_id\n", encoding="utf-8")
    assert [str(p) for p in per_line(csv_path)[2]] == [f"{csv_path}:1: {_hint('acto1', 'actor1')}"]
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Articles"
    book.active.append(["id", "title", "date", "source", "sourc_url"])
    book.active.append(["a-9", "Talks", "2024-02-08", "Example Wire", "https://example.org/9"])
    book.save(tmp_path / "typo.xlsx")
    problems = per_line(tmp_path / "typo.xlsx")[2]
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'typo.xlsx'}!Articles:1: {_hint('sourc_url', 'source_url')}"
    ]


def test_interactions_without_their_articles_say_once_what_to_import(db, tmp_path):
    """The Records page's CSV (interactions only) imported into another store listed one 'no article with
    id' per row and no way out; the CLI and the Import page now end with what to import."""
    source = store.connect(str(tmp_path / "source.sqlite3"))  # seeded from data/
    exported = tmp_path / "energy.csv"
    assert run_cli("export-data", "--theme", "energy", "-o", str(exported), db=source.url).returncode == 0
    outcome = import_paths(db.engine, [exported], ACTORS)  # into a store without the curated set
    assert outcome.summary == f"nothing imported: 88 problems to fix; {ARTICLES_ADVICE}"
    assert stored(db) == ({}, {})
    workbook = tmp_path / "energy.xlsx"  # the export that carries its articles imports whole
    assert run_cli("export-data", "--theme", "energy", "-o", str(workbook), db=source.url).returncode == 0
    assert import_paths(db.engine, [workbook], ACTORS).written
    # the CLI seeds an empty store from data/: rows of articles it has not, under ids it has not either
    text = exported.read_text(encoding="utf-8-sig")
    other = tmp_path / "other.csv"
    other.write_text(re.sub(r"(^|,)([ai])-", r"\1\2-elsewhere-", text, flags=re.M), encoding="utf-8")
    refused = run_cli("import", str(other), db=str(tmp_path / "cli.sqlite3"))
    assert refused.returncode == 1
    lines = refused.stdout.strip().splitlines()
    assert len(lines) == 90 and all("article_id: no article with id" in line for line in lines[:88])
    assert lines[88:] == [ARTICLES_ADVICE, "nothing imported: fix the lines above and run the import again"]


def _parses(field, value) -> bool:
    """True when the value has the JSON type pyarrow reads the field as (its block takes the column path)."""
    kind = blocks._arrow_schema().field(field).type
    if kind == blocks.pa.string():
        return isinstance(value, str)
    if blocks.pa.types.is_list(kind):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, int | float) and not isinstance(value, bool)


TYPED = {field: [v for v in values if _parses(field, v)] for field, values in VARIANTS.items()}


PICKS = st.dictionaries(st.sampled_from(sorted(f for f in TYPED if TYPED[f])), st.integers(0, 7), max_size=4)


@given(st.lists(st.tuples(st.booleans(), PICKS), min_size=1, max_size=40))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_records_that_parse_in_blocks_come_out_as_the_per_line_path_has_them(tmp_path_factory, rows):
    records = []
    for inter, picks in rows:
        base = INTERACTION if inter else ARTICLE
        records.append({**base, **{f: TYPED[f][i % len(TYPED[f])] for f, i in picks.items()}})
    path = tmp_path_factory.mktemp("typed") / "rows.jsonl"
    path.write_text("\n".join(_lines(records)) + "\n", encoding="utf-8")
    assert_same(path)


def index_names(db):
    with db.engine.connect() as connection:
        if db.engine.dialect.name == "sqlite":
            query = "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'"
        else:
            query = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        return set(connection.exec_driver_sql(query).scalars())


def test_a_big_import_builds_its_indexes_after_its_rows_and_a_failed_one_keeps_them(
    db, tmp_path, monkeypatch
):
    from bilateral.importers import bulk

    monkeypatch.setattr(bulk, "BIG_IMPORT_ROWS", 0)
    indexes = index_names(db)
    assert {"interactions_date", "interactions_article", "interactions_rev", "articles_rev"} <= indexes
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(_lines([ARTICLE, {**INTERACTION, "score": 99}])) + "\n", encoding="utf-8")
    with pytest.raises(RecordError):
        import_files(db.engine, [bad], ACTORS)
    assert index_names(db) == indexes
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(_lines([ARTICLE, INTERACTION])) + "\n", encoding="utf-8")
    assert import_files(db.engine, [good], ACTORS).interactions == 1
    assert index_names(db) == indexes
    with db.engine.connect() as connection:
        plan = connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM interactions WHERE date = '2024-02-08'"
            if db.engine.dialect.name == "sqlite"
            else "SELECT 1"
        ).all()
    assert db.engine.dialect.name != "sqlite" or "interactions_date" in str(plan)


def test_columns_empty_in_a_whole_batch_are_left_out_of_the_insert_and_stored_as_null(db):
    """insert_rows binds only the columns that hold a value somewhere in the batch; the rows read back the
    same either way, and a batch where one row has a value names that column."""
    from sqlalchemy import event

    from bilateral.importers.bulk import insert_rows

    statements = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    article = {c.name: None for c in articles.columns if c.name in ARTICLE_FIELDS}
    article.update(id="a-1", title="t", source="s", status="reviewed", added_at="2024-01-01T00:00:00",
                   language="en", summary="", title_kind="descriptive")  # fmt: skip
    with db.engine.begin() as connection:
        insert_rows(connection, articles, ARTICLE_FIELDS, [tuple(article[f] for f in ARTICLE_FIELDS)], 1)
        for number, url in ((1, None), (2, "https://example.org/2")):
            fields = blocks.INTERACTION_FIELDS
            row = dict.fromkeys(fields)
            row.update(id=f"i-{number}", article_id="a-1", date="2024-02-01", actor1="CHN", actor2="RUS",
                       direction="mutual", event_type="CONSULT", quad_class=1, score=2.0, themes="energy",
                       modality="fact", coder="auto", confidence=0.5, dataset="curated")  # fmt: skip
            row["source_url"] = url
            insert_rows(connection, interactions, fields, [tuple(row[f] for f in fields)], 1)
    inserts = [s for s in statements if s.startswith("INSERT INTO interactions")]
    assert "source_url" not in inserts[0] and "story_id" not in inserts[0] and "evidence" not in inserts[0]
    assert "source_url" in inserts[1] and "story_id" not in inserts[1]
    assert "url" not in statements[statements.index(next(s for s in statements if "INTO articles" in s))]
    with db.engine.connect() as connection:
        stored = connection.execute(
            select(interactions.c.id, interactions.c.source_url, interactions.c.story_id, interactions.c.rev)
            .order_by(interactions.c.id)
        ).all()  # fmt: skip
    assert [tuple(r) for r in stored] == [("i-1", None, None, 1), ("i-2", "https://example.org/2", None, 1)]


def test_no_nullable_record_column_has_a_default_of_its_own_in_the_store(db):
    """What lets insert_rows leave a NULL column out: the store then writes NULL, not some default."""
    from sqlalchemy import inspect

    inspector = inspect(db.engine)
    for table in (articles, interactions):
        for column in inspector.get_columns(table.name):
            if column["nullable"]:
                assert column["default"] is None, (table.name, column["name"], column["default"])


def _records_csv(db, flt) -> str:
    """The Records page's CSV of the filtered interactions of a store (its mirror opened in memory)."""
    handle = io.StringIO()
    export.write_records_csv(open_mirror(db, in_memory=True), flt, handle)
    return handle.getvalue()


def test_the_records_pages_workbook_imports_into_an_empty_store_as_it_was(db, tmp_path):
    """The XLSX the Records page exports (interactions, then their articles, then an About sheet) imports
    whole into a store without them: the same rows come out of it again, and a second import adds nothing."""
    source = store.connect(str(tmp_path / "source.sqlite3"))  # seeded from data/
    energy = Filter(themes=(Theme.ENERGY,))
    workbook = tmp_path / "energy.xlsx"
    exported = run_cli("export-data", "--theme", "energy", "-o", str(workbook), db=source.url)
    assert exported.returncode == 0, exported.stderr
    result = import_files(db.engine, [workbook], ACTORS)
    assert (result.articles, result.interactions, result.skipped) == (57, 88, 0)
    assert _records_csv(db, energy) == _records_csv(source, energy)
    again = import_files(db.engine, [workbook], ACTORS)
    assert (again.articles, again.interactions, again.skipped) == (0, 0, 145)


def test_a_workbooks_problems_name_sheet_and_row_and_nothing_is_written(db, tmp_path):
    """A workbook as an analyst makes one: a date cell Excel made reads as its day; a bad value is named by
    file, sheet, row and field; a sheet without an id column (notes) is not read; nothing is written."""
    from openpyxl import Workbook

    def cells(record: dict, names: list[str]) -> list:
        return [";".join(v) if isinstance(v := record.get(name), list) else v for name in names]

    book = Workbook()
    names = [*INTERACTION, "score"]
    sheet = book.active
    sheet.title = "Interactions"
    sheet.append(names)
    sheet.append(cells(INTERACTION, names))
    sheet.append(cells({**INTERACTION, "id": "i-2", "date": dt.datetime(2024, 2, 9)}, names))
    sheet.append(cells({**INTERACTION, "id": "i-3", "score": 15}, names))
    book.create_sheet("Articles").append(list(ARTICLE))
    book["Articles"].append(list(ARTICLE.values()))
    book.create_sheet("Notes").append(["who", "what"])
    path = tmp_path / "mine.xlsx"
    book.save(path)
    with pytest.raises(RecordError) as error:
        import_files(db.engine, [path], ACTORS)
    assert [str(p) for p in error.value.problems] == [
        f"{path}!Interactions:4: score: '15' is out of range; must be between -10 and 10"
    ]
    assert stored(db) == ({}, {})
    sheet.delete_rows(4)
    book.save(path)
    result = import_files(db.engine, [path], ACTORS)
    assert (result.articles, result.interactions) == (1, 2)
    with db.engine.connect() as connection:
        dates = dict(connection.execute(select(interactions.c.id, interactions.c.date)).all())
    assert dates == {"i-1": "2024-02-08", "i-2": "2024-02-09"}


RISKY = ["-5% in a year, the ministry said.", "+1 for the talks", "@mention in a post", "=1+1 is text here"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_text_an_export_made_safe_for_spreadsheets_imports_as_it_was(db, tmp_path, fmt):
    """The exports put a ' before text a spreadsheet would run as a formula; reading a CSV or a workbook
    takes it away again, so "-5% in a year" comes back as it was, not as "'-5% in a year"."""
    article = {**ARTICLE, "title": "=HYPERLINK(1) is a title here"}
    records = [{**INTERACTION, "id": f"i-{n}", "evidence": text} for n, text in enumerate(RISKY)]
    source = store.connect(str(tmp_path / "source.sqlite3"), seed=False)
    (tmp_path / "risky.jsonl").write_text("\n".join(_lines([article, *records])) + "\n", encoding="utf-8")
    import_files(source.engine, [tmp_path / "risky.jsonl"], ACTORS)
    mirror = open_mirror(source, in_memory=True)
    out = tmp_path / f"risky.{fmt}"
    out.write_bytes(
        export.records_csv(mirror, Filter()) if fmt == "csv" else export.records_xlsx(mirror, Filter())
    )
    if fmt == "csv":  # the CSV holds the interactions only: their article goes in first
        assert "'-5% in a year" in out.read_text(encoding="utf-8-sig")
        (tmp_path / "article.jsonl").write_text(_lines([article])[0] + "\n", encoding="utf-8")
        import_files(db.engine, [tmp_path / "article.jsonl"], ACTORS)
    import_files(db.engine, [out], ACTORS)
    with db.engine.connect() as connection:
        evidence = dict(connection.execute(select(interactions.c.id, interactions.c.evidence)).all())
        titles = connection.execute(select(articles.c.title)).scalars().all()
    assert evidence == {f"i-{n}": text for n, text in enumerate(RISKY)}
    assert titles == [article["title"]]


def test_a_workbook_without_record_sheets_or_not_a_workbook_is_named_and_nothing_is_written(db, tmp_path):
    """An .xlsx of other columns, or text saved under the name: one error naming the file; nothing written."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["who", "what", "when"])
    book.active.append(["analyst", "a note", "2024-02-08"])
    notes = tmp_path / "notes.xlsx"
    book.save(notes)
    with pytest.raises(FileFormatError, match=r"notes\.xlsx: no sheet whose first row names the columns"):
        import_files(db.engine, [notes], ACTORS)
    fake = tmp_path / "fake.xlsx"
    fake.write_text(_lines([ARTICLE])[0], encoding="utf-8")
    with pytest.raises(FileFormatError, match=r"fake\.xlsx: not a readable Excel workbook"):
        import_files(db.engine, [fake], ACTORS)
    assert stored(db) == ({}, {})


def test_a_sheet_of_articles_without_ids_is_read_as_a_csv_of_them_would_be(db, tmp_path):
    """Ids are derived when absent (from the URL, else title and date), in a workbook as in a CSV file."""
    from openpyxl import Workbook

    book = Workbook()
    names = [n for n in ARTICLE if n != "id"]
    book.active.append(names)
    book.active.append([ARTICLE[n] for n in names])
    path = tmp_path / "articles.xlsx"
    book.save(path)
    csv_path = tmp_path / "articles.csv"
    rows = [",".join(names), ",".join(str(ARTICLE[n]) for n in names)]
    csv_path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert without_stamp(by_blocks(path)[0]) == without_stamp(by_blocks(csv_path)[0])
    assert import_files(db.engine, [path], ACTORS).articles == 1
