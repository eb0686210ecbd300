"""What the web app knows: one store, read once and kept in memory until the store file changes.

Every page answers from here, and here answers only by calling ``policykg.queries`` (the named
queries on the graph, the plan catalogue, the comparison), so a page shows exactly the rows the
CLI prints. The store is re-read when its SQLite file's modification time changes, so a
``policykg build`` while the server runs is picked up on the next request without a restart.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policykg.graph.store import FILENAME, Store

if TYPE_CHECKING:
    import networkx as nx

    from policykg.extractor.model import Plan
    from policykg.queries.comparison import Comparison


KEPT_COMPARISONS = 32


class UnknownPlan(LookupError):
    """A plan id the store does not hold."""


@dataclass
class Snapshot:
    """The store as read at one modification time."""
    mtime: float
    graph: "nx.MultiDiGraph"
    plans: dict[str, "Plan"]
    sources: dict[str, str | None]
    """The source file of each plan, as the store located it at build time."""
    texts: dict[str, str | None] = field(default_factory=dict)
    """Source text per plan id, read on first use (``None``: the source file is gone or changed)."""
    matches: dict[str, dict[str, Any]] = field(default_factory=dict)
    """National-action matches per measure id, per plan id, classified on first use."""
    comparisons: dict[tuple[str, ...], "Comparison"] = field(default_factory=dict)
    """The last comparisons made, by plan ids (at most ``KEPT_COMPARISONS``)."""


class Workbench:
    """The store behind the web app. Thread-safe: the server answers requests in threads."""

    def __init__(self, store_dir: Path):
        self.store_dir = Path(store_dir)
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self.snapshot()  # fail at start-up, not at the first request, when there is no store

    def snapshot(self) -> Snapshot:
        """The current store, re-read if the file changed since the last read."""
        mtime = (self.store_dir / FILENAME).stat().st_mtime if (self.store_dir / FILENAME).exists() else 0.0
        with self._lock:
            if self._snapshot is None or self._snapshot.mtime != mtime:
                self._snapshot = self._read(mtime)
            return self._snapshot

    def _read(self, mtime: float) -> Snapshot:
        from policykg.extractor.model import Plan

        with Store.open(self.store_dir) as store:
            store.require_plans()
            entries = store.plans()
            plans = {e.id: Plan.from_dict(store.plan_json(e.id)) for e in entries}
            return Snapshot(mtime, store.load_graph(), plans, {e.id: e.source_path for e in entries})

    # plans -------------------------------------------------------------------------------------

    def plans(self) -> list["Plan"]:
        return list(self.snapshot().plans.values())

    def plan(self, plan_id: str) -> "Plan":
        try:
            return self.snapshot().plans[plan_id]
        except KeyError:
            raise UnknownPlan(plan_id) from None

    def source_text(self, plan: "Plan") -> str | None:
        """The decoded text the plan's spans point into, or ``None`` when the file is no longer
        where it was built from or its content changed (its spans would point at other words)."""
        snap = self.snapshot()
        if plan.id not in snap.texts:
            snap.texts[plan.id] = _read_source(plan, snap.sources.get(plan.id))
        return snap.texts[plan.id]

    def classify_plan(self, plan: "Plan") -> dict[str, Any]:
        """The national-action match of each measure (``ActionClassifier.classify_plan``),
        remembered: classifying costs tens of ms a plan, and every comparison needs it."""
        snap = self.snapshot()
        if plan.id not in snap.matches:
            snap.matches[plan.id] = _classifier().classify_plan(plan)
        return snap.matches[plan.id]

    def actions(self, plan: "Plan") -> dict[str, str]:
        """The national action each measure of ``plan`` is filed under."""
        return {measure: match.action for measure, match in self.classify_plan(plan).items()}

    def warm(self) -> None:
        """Build the classifier and classify every plan now, so the first comparison is fast."""
        for plan in self.plans():
            self.classify_plan(plan)

    # named queries -----------------------------------------------------------------------------

    def ask(self, query: str, **params: Any) -> list[dict[str, Any]]:
        """A named query over the whole graph, exactly as the CLI runs it."""
        from policykg.queries import NetworkxBackend, run

        return run(query, NetworkxBackend(self.snapshot().graph), **params)

    def compare(self, plan_ids: list[str]) -> "Comparison":
        """The comparison of the plans named, in the order named (``policykg compare``)."""
        from policykg.queries.compare import compare

        snap, key = self.snapshot(), tuple(plan_ids)
        if key not in snap.comparisons:
            if len(snap.comparisons) >= KEPT_COMPARISONS:
                snap.comparisons.pop(next(iter(snap.comparisons)))
            snap.comparisons[key] = compare([self.plan(p) for p in plan_ids], classifier=self)
        return snap.comparisons[key]


@lru_cache(maxsize=1)
def _classifier():
    """One action classifier per process: building its TF-IDF model costs a few hundred ms."""
    from policykg.queries.national_actions import ActionClassifier
    return ActionClassifier()


def _read_source(plan: "Plan", located: str | None) -> str | None:
    from policykg.extractor.errors import PlanInputError
    from policykg.extractor.readers import read_document

    path = next((Path(p) for p in (located, plan.source.path) if p and Path(p).is_file()), None)
    if path is None:
        return None
    try:
        document = read_document(path)
    except PlanInputError:
        return None
    if document.source.sha256 != plan.source.sha256:
        return None
    return document.text
