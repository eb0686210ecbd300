"""Whether an indicator is relative (a rate, share or intensity) or an absolute quantity, from
``queries/data/indicator_kinds.json``: the comparison and the chain of plans both ask it, so it
lives here, below both."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def _kinds() -> dict[str, Any]:
    text = resources.files("policykg.queries").joinpath("data/indicator_kinds.json").read_text(encoding="utf-8")
    return json.loads(text)


def is_relative(indicator: str, unit: str) -> bool:
    """A rate, share or intensity: by the unit's dimension, a quotient unit, or the name."""
    from policykg.extractor.units import unit_table

    kinds = _kinds()
    entry = unit_table().get(unit)
    if (entry and entry.dimension in kinds["relative_dimensions"]) or "/" in unit:
        return True
    return any(word in indicator for word in kinds["relative_words"])
