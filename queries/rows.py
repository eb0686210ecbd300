"""The shape and order of query rows, shared by every backend so their answers compare equal.

A measure row is ``{"plan", "measure": {"id", "path", "title"}, "lead": [...], "support":
[...], "joint": [...]}``; unit names are in the order the plan lists them. Backends collect
facts (a measure, its units with their rank and role) and hand them here.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Hashable, Iterable, Sequence

from policykg.graph.schema import RELATION_ROLES

ROLES = ("lead", "support", "joint")
ROLE_ORDER = {role: i for i, role in enumerate(ROLES)}

Unit = tuple[int, str, str]
"""(rank in the measure's unit list, role, department name)"""


def owners(units: Iterable[Unit]) -> dict[str, list[str]]:
    """Unit names by role, each list in the plan's order."""
    by_role: dict[str, list[str]] = {role: [] for role in ROLES}
    for _, role, name in sorted(set(units)):
        by_role[role].append(name)
    return by_role


def measure_ref(local_id: str, path: str, title: str) -> dict[str, str]:
    return {"id": local_id, "path": path, "title": title}


def measure_row(plan: str, measure: dict[str, str], units: Iterable[Unit],
                **extra: Any) -> dict[str, Any]:
    return {"plan": plan, "measure": measure, **owners(units), **extra}


def ordered(keyed: Iterable[tuple[Sequence, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Rows sorted by their keys (the keys themselves are not part of the rows)."""
    return [row for _, row in sorted(keyed, key=lambda pair: pair[0])]


def group(solutions: Iterable[dict[str, Any]], *fields: str) -> dict[Hashable, list[dict]]:
    """SPARQL solutions grouped by the values of ``fields``, in first-seen order."""
    groups: dict[Hashable, list[dict]] = defaultdict(list)
    for solution in solutions:
        groups[tuple(solution[f] for f in fields)].append(solution)
    return groups


def solution_units(solutions: Iterable[dict[str, Any]], rank: str = "rank", role: str = "role",
                   name: str = "unit") -> list[Unit]:
    """The units named in a group of SPARQL solutions (rows without a unit are skipped)."""
    return [(s[rank], s[role], s[name]) for s in solutions if s.get(name) is not None]


def cypher_units(found: Iterable[list]) -> list[Unit]:
    """The units of collected Cypher ``[rank, relation type, name]`` triples (a measure with
    none collects one all-null triple, skipped)."""
    return [(rank, RELATION_ROLES[rel], name) for rank, rel, name in found if name is not None]


def matches(needle: str, *haystacks: str | None) -> bool:
    """Case-insensitive substring test, the same as SPARQL's CONTAINS(LCASE(…), LCASE(…))."""
    needle = needle.lower()
    return any(needle in h.lower() for h in haystacks if h is not None)


def label_row(node: str, name: str, aliases: Iterable[str] | None) -> dict[str, Any]:
    """A row of a labels query (``department-labels``, ``indicator-labels``): what a name given
    by the user is resolved against."""
    return {"id": node, "name": name, "aliases": sorted(set(aliases or ()))}


def solution_labels(solutions: Iterable[dict[str, Any]], node: str, base: str) -> list[dict[str, Any]]:
    """The label rows of a labels query's SPARQL solutions (``?name``, ``?alias``, the node in
    ``?<node>``), by id."""
    rows = [label_row(iri.removeprefix(base), found[0]["name"],
                      [s["alias"] for s in found if s["alias"] is not None])
            for (iri,), found in group(solutions, node).items()]
    return sorted(rows, key=lambda row: row["id"])


def matching(labels: Iterable[dict[str, Any]], text: str) -> tuple[str, ...]:
    """The ids of the label rows whose name or an alias contains ``text`` (ignoring case): the
    one rule by which a name the user gives is resolved, before any backend runs."""
    return tuple(row["id"] for row in labels if matches(text, row["name"], *row["aliases"]))
