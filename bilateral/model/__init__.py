"""The record model: the closed vocabularies and the record kinds, each declared once.

`from bilateral.model import Article, Theme, ...` is the one import the rest of the package needs.
"""

from bilateral.model.records import (
    Actor,
    Article,
    Interaction,
    Record,
    Term,
    article_id_for,
    field_interaction_id,
    interaction_id_for,
    now_iso,
    stable_id,
)
from bilateral.model.validation import article_from_dict, check_url, interaction_from_dict, parse_themes
from bilateral.model.vocab import (
    DEFAULT_SCORES,
    EVENT_QUAD,
    SCORE_MAX,
    SCORE_MIN,
    THEME_LABELS,
    ActorKind,
    Coder,
    Dataset,
    Direction,
    EventType,
    Modality,
    QuadClass,
    Status,
    Theme,
    TitleKind,
)

__all__ = [
    "DEFAULT_SCORES", "EVENT_QUAD", "SCORE_MAX", "SCORE_MIN", "THEME_LABELS", "Actor", "ActorKind", "Article",
    "Coder", "Dataset", "Direction", "EventType", "Interaction", "Modality", "QuadClass", "Record", "Status",
    "Term", "Theme", "TitleKind", "article_from_dict", "article_id_for", "check_url", "field_interaction_id",
    "interaction_from_dict", "interaction_id_for", "now_iso", "parse_themes", "stable_id",
]  # fmt: skip
