"""The word lists of ``extractor/data/*.json`` that the rules match on, and how they become regexes.

Vocabulary is data so that a user can teach the parser new wording without touching a rule; the
rules compile it once, through :func:`alternatives`, longest word first so that a longer label
wins over its prefix (``牵头责任单位`` before ``责任单位``).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The JSON object of ``data/<name>.json``."""
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def alternatives(words: list[str], broken: bool = False) -> str:
    """A regex alternation of ``words``, longest first; ``broken`` lets a line break or space fall
    between any two characters (a label broken over two PDF lines: ``（责`` / ``任单位：``)."""
    escaped = [r"\s*".join(map(re.escape, w)) if broken else re.escape(w)
               for w in sorted(words, key=len, reverse=True)]
    return "|".join(escaped)
