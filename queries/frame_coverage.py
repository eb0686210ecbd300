"""Coverage of the national frame across a store: for each of the ten actions of
《2030年前碳达峰行动方案》, how many plans of each level carry a measure for it, and which plans
carry none (``policykg coverage``).

The mapping of measures to actions is the comparison's (``queries.compare.coverage`` with the
``queries.national_actions`` classifier), so the figures agree with ``policykg compare``. Plans
without measures (notices, calls) are counted apart: they can carry no action.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    from policykg.extractor.model import Plan

    from .national_actions import ActionClassifier

LEVELS = ("national", "province", "city", "district", None)


def frame_coverage(plans: Sequence["Plan"], classifier: "ActionClassifier | None" = None) -> dict[str, Any]:
    """``{"plans", "without_measures", "levels", "actions": [{"action", "by_level", "plans",
    "missing"}]}``: ``by_level`` counts plans carrying the action per level (``none`` for plans of
    no known level), ``missing`` lists the ids of plans with measures but none for the action."""
    from .compare import coverage
    from .national_frame import ACTIONS

    if classifier is None:
        from .national_actions import ActionClassifier
        classifier = ActionClassifier()
    with_measures = [p for p in plans if p.measures]
    matrix = coverage(with_measures, classifier).matrix
    level = {p.id: p.metadata.level for p in with_measures}
    actions = []
    for action in ACTIONS:
        carrying = [p.id for p in with_measures if matrix[p.id].get(action)]
        by_level = {str(lv or "none"): sum(1 for pid in carrying if level[pid] == lv) for lv in LEVELS}
        actions.append({"action": action, "plans": len(carrying), "by_level": by_level,
                        "missing": sorted(p.id for p in with_measures if p.id not in carrying)})
    return {"plans": len(with_measures), "without_measures": sorted(p.id for p in plans if not p.measures),
            "levels": [str(lv or "none") for lv in LEVELS], "actions": actions}
