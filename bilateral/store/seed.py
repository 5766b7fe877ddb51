"""Seeding: the curated records of data/ go into a database the first time, and again when data/ changes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import Engine

from bilateral.model.files import read_record_files
from bilateral.paths import DATA_DIR
from bilateral.registry import load_actors
from bilateral.store.writes import ImportResult, add_records, get_meta

SEED_FILES = ("articles.jsonl", "interactions.jsonl")


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """Hash of the curated files, so new curated records are picked up when data/ changes."""
    digest = hashlib.sha1()
    for name in SEED_FILES:
        path = data_dir / name
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def seed_from_data(engine: Engine, data_dir: Path = DATA_DIR) -> ImportResult | None:
    """Import the curated records of data/ when they are new to this database; None when up to date."""
    fingerprint = data_fingerprint(data_dir)
    with engine.connect() as connection:
        if get_meta(connection, "seed_fingerprint") == fingerprint:
            return None
    paths = [data_dir / name for name in SEED_FILES if (data_dir / name).exists()]
    found_articles, found_interactions = read_record_files(paths, known_actors=set(load_actors()))
    return add_records(engine, found_articles, found_interactions, {"seed_fingerprint": fingerprint}, "seed")
