"""The comparison as JSON: the model's own dump, so the JSON and the model cannot drift apart."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from policykg.queries.comparison import Comparison


def render(comparison: "Comparison") -> str:
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2) + "\n"
