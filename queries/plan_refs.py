"""Plans named on the command line: a path to a plan file (parsed now) or a plan id in the store.

A reference that names an existing file is a file; anything else is looked up as an id, so the
store is opened only when an id is given. Failures raise ``PlanInputError`` naming the reference.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from policykg.extractor.errors import PlanInputError

if TYPE_CHECKING:
    from policykg.extractor.model import Plan


def load_plans(refs: Sequence[str], store_dir: Path | None = None) -> list["Plan"]:
    """The plans ``refs`` name, in order; ``store_dir`` defaults to the default store."""
    from policykg.extractor import parse_file
    from policykg.extractor.model import Plan

    store = None
    plans = []
    try:
        for ref in refs:
            if Path(ref).is_file():
                plans.append(parse_file(Path(ref)))
                continue
            if store is None:
                store = _open_store(ref, store_dir)
            try:
                plans.append(Plan.from_dict(store.plan_json(ref)))
            except KeyError:
                raise PlanInputError(ref, f"no such file, and no plan with this id in the store {store.directory}") from None
    finally:
        if store is not None:
            store.close()
    return plans


def _open_store(ref: str, store_dir: Path | None):
    from policykg.graph.store import Store, StoreError, default_store_dir

    directory = store_dir or default_store_dir()
    try:
        return Store.open(directory)
    except StoreError as exc:
        raise PlanInputError(ref, f"no such file, and no plan store to look the id up in ({exc})") from None
