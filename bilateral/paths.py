"""Where the project's folders are: its root (beside the package), data/ and var/.

Why a module of its own: the store, the registry, the extractor's lexicon and the helper processes all need
them, and it imports nothing, so a child process or a light module can use it without loading SQLAlchemy.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
VAR_DIR = PROJECT_ROOT / "var"
