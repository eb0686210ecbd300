"""CSV files for ``neo4j-admin database import full``: one file per node label and relation type.

Headers follow the import tool's conventions: ``id:ID`` (the stable id, kept as the ``id``
property, one id space since ids carry their type), ``:LABEL``, ``:START_ID``, ``:END_ID``,
``:TYPE``, and ``name:type`` for each property, with ``long``, ``double``, ``boolean``,
``string`` and the array forms ``string[]`` / ``long[]`` (elements joined by ``;``, the tool's
default ``--array-delimiter``). An empty field means the property is absent. A list of lists
becomes JSON text, as in the Bolt loader. ``import.sh`` holds the matching command line.
"""
from __future__ import annotations

import csv
import io
import shlex
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .base import Exporter, ExportError, replace_when_done

if TYPE_CHECKING:
    import networkx as nx

ARRAY_DELIMITERS = ";|^~`"
"""The array delimiter is the first of these that no array element holds (the tool's default
``;`` where it can be): a department's printed name may hold ``;`` and once stopped the export."""
_SCALARS = {bool: "boolean", int: "long", float: "double", str: "string"}


def column_type(values: Iterable[Any]) -> str:
    """The import tool type holding every value of one property (ints with floats: double)."""
    kinds: set[str] = set()
    for value in values:
        if isinstance(value, list):
            kinds.update(f"{_SCALARS[type(v)]}[]" for v in value)
            kinds.add("[]")
        else:
            kinds.add(_SCALARS[type(value)])
    if kinds <= {"long", "double"}:
        return "double" if "double" in kinds else "long"
    if kinds <= {"[]", "long[]", "double[]"}:
        return "double[]" if "double[]" in kinds else "long[]"
    if kinds <= {"[]", "string[]"}:
        return "string[]"
    if len(kinds) == 1:
        return kinds.pop()
    raise ExportError(f"mixed property types {sorted(kinds)}")


def field(value: Any, delimiter: str) -> str:
    """One CSV field in the import tool's syntax; array elements joined by ``delimiter``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return delimiter.join(field(v, delimiter) for v in value)
    return str(value)


def array_delimiter(rows: Iterable[dict[str, Any]]) -> str:
    """The first of ``ARRAY_DELIMITERS`` that no string in an array value holds."""
    held = {ch for row in rows for value in row.values() if isinstance(value, list)
            for item in value if isinstance(item, str) for ch in item if ch in ARRAY_DELIMITERS}
    free = [ch for ch in ARRAY_DELIMITERS if ch not in held]
    if not free:
        raise ExportError(f"array values hold every array delimiter policykg can choose "
                          f"({' '.join(ARRAY_DELIMITERS)})")
    return free[0]


class Neo4jCsvExporter(Exporter):
    """Writes a folder, not a stream (registered with ``directory=True``)."""

    def write(self, graph: "nx.MultiDiGraph", directory: Path) -> list[Path]:
        """Write the node and relationship files and ``import.sh``; return the files written."""
        from ..neo4j_loader import neo4j_value

        nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for node, data in graph.nodes(data=True):
            props = {k: neo4j_value(v) for k, v in data.items() if k != "type"}
            nodes[data["type"]].append({"id": node, **props})
        rels: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for src, dst, rel, data in graph.edges(keys=True, data=True):
            rels[rel].append({"src": src, "dst": dst,
                              **{k: neo4j_value(v) for k, v in data.items()}})
        delimiter = array_delimiter(row for rows in (*nodes.values(), *rels.values()) for row in rows)
        directory.mkdir(parents=True, exist_ok=True)
        written = []
        for label, rows in sorted(nodes.items()):
            path = directory / f"nodes_{label}.csv"
            _write(path, ["id:ID", ":LABEL"], [[r["id"], label] for r in rows], rows, {"id"}, delimiter)
            written.append(path)
        for rel, rows in sorted(rels.items()):
            path = directory / f"relationships_{rel}.csv"
            _write(path, [":START_ID", ":END_ID", ":TYPE"], [[r["src"], r["dst"], rel] for r in rows],
                   rows, {"src", "dst"}, delimiter)
            written.append(path)
        script = directory / "import.sh"
        with replace_when_done(script) as out:
            out.write(_command(written, delimiter).encode("utf-8"))
        return [*written, script]


def _write(path: Path, head: list[str], fixed: list[list[str]], rows: list[dict[str, Any]],
           skip: set[str], delimiter: str) -> None:
    names = sorted({k for r in rows for k, v in r.items() if v is not None} - skip)
    types = {}
    for name in names:
        try:
            types[name] = column_type(r[name] for r in rows if r.get(name) is not None)
        except ExportError as exc:
            raise ExportError(f"{path.name}, {name}: {exc}") from None
    with replace_when_done(path) as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(head + [f"{n}:{types[n]}" for n in names])
        for start, row in zip(fixed, rows):
            writer.writerow(start + [field(row.get(n), delimiter) for n in names])


def _command(files: list[Path], delimiter: str) -> str:
    options = [f"--{'nodes' if f.name.startswith('nodes_') else 'relationships'}="
               f"{shlex.quote(f.name)}" for f in files]
    return ("#!/bin/sh\n# Run from this folder on the Neo4j 5 server; DATABASE must not exist yet.\n"
            f"neo4j-admin database import full --array-delimiter={shlex.quote(delimiter)} "
            "--multiline-fields=true \\\n  "
            + " \\\n  ".join(options) + ' \\\n  "${1:-neo4j}"\n')
