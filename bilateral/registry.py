"""The actor registry (data/actors.jsonl): codes, names, aliases, and the roll-up of leaders to states."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from pydantic import ValidationError

from bilateral.errors import Problem, RecordError
from bilateral.model import Actor, ActorKind
from bilateral.paths import DATA_DIR

ROLLED_UP_KINDS = (ActorKind.LEADER, ActorKind.ORGANISATION, ActorKind.MEDIA)


def default_actors_path() -> Path:
    """data/actors.jsonl beside the package."""
    return DATA_DIR / "actors.jsonl"


def load_actors(path: Path | str | None = None) -> dict[str, Actor]:
    """Every actor of the registry by code; raises RecordError naming each bad line."""
    path = Path(path) if path else default_actors_path()
    actors: dict[str, Actor] = {}
    problems: list[Problem] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            actor = _actor_from_dict(raw)
        except (json.JSONDecodeError, ValidationError, TypeError) as error:
            problems.append(Problem(str(path), number, "actor", f"cannot read this actor: {error}"))
            continue
        if actor.code in actors:
            problems.append(Problem(str(path), number, "code", f"{actor.code!r} is defined twice"))
        actors[actor.code] = actor
    for number, actor in enumerate(actors.values(), start=1):
        if actor.parent and actor.parent not in actors:
            problems.append(
                Problem(str(path), number, "parent", f"unknown parent {actor.parent!r} of {actor.code}")
            )
    if problems:
        raise RecordError(problems)
    return actors


@functools.cache
def codes_of(kind: ActorKind | None = None) -> frozenset[str]:
    """The codes of the default registry (of one kind, when given), read once per process.

    Why: the filters check a typed code against it and the extractor tells a state from a body by it,
    each call of theirs would otherwise read the file again."""
    actors = load_actors()
    return frozenset(code for code, actor in actors.items() if kind is None or actor.kind is kind)


def _actor_from_dict(raw: dict) -> Actor:
    return Actor.model_validate(raw)


def rollup_map(actors: dict[str, Actor]) -> dict[str, str]:
    """Code -> the state it rolls up to: leaders, state bodies and state media go to their parent."""
    return {
        code: actor.parent if actor.parent and actor.kind in ROLLED_UP_KINDS else code
        for code, actor in actors.items()
    }


def dyad_key(code1: str, code2: str) -> str:
    """The dyad of two actors as analysts write it: the two codes sorted, joined by '-' ("CHN-RUS")."""
    first, second = sorted((code1, code2))
    return f"{first}-{second}"
