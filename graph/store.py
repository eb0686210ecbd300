"""The embedded default store: one SQLite file holding every plan's graph and JSON.

Layout (``policykg/store@1``): ``plans`` (one row per plan, with the plan's full JSON so later
features such as comparisons can read it), ``nodes`` and ``edges`` (what each plan contributes
to the graph, keyed by plan). A shared node (a department, an indicator) has one row per plan
that mentions it, so re-building a plan is "delete its rows, insert the new ones" and never
leaves a stale or duplicated node; rows are merged into one node when the graph is loaded.

SQLite comes with Python, needs no server, and reads the whole corpus into networkx in tens of
milliseconds. The default directory is ``$POLICYKG_STORE`` or ``~/.local/share/policykg/store``.
"""
from __future__ import annotations

import functools
import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .schema import SCHEMA

if TYPE_CHECKING:
    import networkx as nx

    from policykg.extractor.model import Plan

STORE_FORMAT = "policykg/store@1"
FILENAME = "policykg.sqlite"

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS plans (
    id TEXT PRIMARY KEY, title TEXT, region TEXT, source_path TEXT, sha256 TEXT NOT NULL,
    built_at TEXT NOT NULL, plan_json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (
    plan TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, props TEXT NOT NULL,
    PRIMARY KEY (plan, id));
CREATE TABLE IF NOT EXISTS edges (
    plan TEXT NOT NULL, src TEXT NOT NULL, rel TEXT NOT NULL, dst TEXT NOT NULL,
    props TEXT NOT NULL, PRIMARY KEY (plan, src, rel, dst));
"""


class StoreError(Exception):
    """A store that cannot be used; the message says which and what to do."""


class StoreNotFound(StoreError):
    pass


class StoreEmpty(StoreError):
    pass


LOCK_WAIT = 5.0
"""Seconds a command waits for another process's lock on the store before giving up."""


def _fault(path: Path, exc: sqlite3.Error | OSError) -> StoreError:
    """A store fault (a file where the store should be, a read-only or full disk, a lock held
    too long, a damaged file) as a StoreError naming the file and what to do."""
    if isinstance(exc, OSError):
        return StoreError(f"{exc.filename or path}: {exc.strerror or exc}")
    reason = str(exc)
    if "locked" in reason:
        return StoreError(f"{path}: locked by another process for over {LOCK_WAIT:g} s "
                          "(a build still running?); try again when it ends")
    if "readonly" in reason or "unable to open" in reason:
        return StoreError(f"{path}: cannot be written ({reason}); check the permissions of "
                          f"{path.parent} or choose another --store")
    if "full" in reason:
        return StoreError(f"{path}: the disk is full ({reason}); the store is unchanged")
    return StoreError(f"{path}: not a policykg store ({reason})")


def _guarded(method: Callable) -> Callable:
    """Turn the sqlite3 errors of a store method into a StoreError (see ``_fault``); other
    errors, such as those of the plans ``put`` is given, pass unchanged."""
    @functools.wraps(method)
    def guarded(self: "Store", *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise _fault(self.directory / FILENAME, exc) from None
    return guarded


def default_store_dir() -> Path:
    """``$POLICYKG_STORE``, else ``~/.local/share/policykg/store``."""
    env = os.environ.get("POLICYKG_STORE")
    return Path(env).expanduser() if env else Path.home() / ".local/share/policykg/store"


@dataclass(frozen=True)
class Part:
    """A part of the graph to load: the nodes of ``types`` and the edges of ``relations`` between
    them. A query that reads only these says so (``queries.part_read_by``), and the store reads
    only their rows: who-owns, for one, needs the measures and their units, not the sections,
    targets and indicators that make up half of the rows."""
    types: tuple[str, ...]
    relations: tuple[str, ...]


@dataclass(frozen=True)
class PlanEntry:
    """One plan as the store lists it."""
    id: str
    title: str | None
    region: str | None
    source_path: str | None
    """The source file's absolute path at build time."""
    sha256: str
    built_at: str


class Store:
    """A store directory. ``Store.open`` for reading, ``Store.create`` for building."""

    def __init__(self, directory: Path, connection: sqlite3.Connection):
        self.directory = directory
        self._db = connection

    @classmethod
    def open(cls, directory: str | Path) -> "Store":
        """Open an existing store for reading; raise ``StoreNotFound`` if there is none.

        The connection may write (``mode=rw``, falling back to read-only where the file is
        write-protected) but refuses every statement that would (``query_only``): a build killed
        mid-commit leaves a hot journal, and only a connection that may write can roll it back, so
        a ``mode=ro`` reader would fail on it until the next build.
        """
        directory = Path(directory)
        path = directory / FILENAME
        if not path.is_file():
            raise StoreNotFound(f"no store in {directory} (build one with: "
                                f"policykg build PATH --store {directory})")
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=LOCK_WAIT)
            db.execute("PRAGMA query_only = ON")
            found = dict(db.execute("SELECT key, value FROM meta"))
        except sqlite3.OperationalError as exc:
            journal = path.with_name(path.name + "-journal")
            if "readonly" in str(exc) and journal.exists():
                raise StoreError(f"{path}: an interrupted build left {journal.name}, and this user "
                                 f"may not write the store to roll it back; run `policykg build` "
                                 f"again, or open the store once as a user who may write it") from None
            raise _fault(path, exc) from None
        except (sqlite3.Error, OSError) as exc:
            raise _fault(path, exc) from None
        if found.get("format") != STORE_FORMAT or found.get("schema") != SCHEMA:
            raise StoreError(f"{path}: made by another version of policykg "
                             f"({found.get('format')}, {found.get('schema')}); build it again")
        return cls(directory, db)

    @classmethod
    def create(cls, directory: str | Path) -> "Store":
        """Open a store for writing, making the directory and tables if needed."""
        directory = Path(directory)
        if directory.exists() and not directory.is_dir():
            raise StoreError(f"{directory}: is a file, not a store directory; choose another --store")
        try:
            directory.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(directory / FILENAME, timeout=LOCK_WAIT)
            db.executescript(_TABLES)
            found = dict(db.execute("SELECT key, value FROM meta"))
            if found and found.get("schema") != SCHEMA:
                raise StoreError(f"{directory}: holds a store of another version "
                                 f"({found.get('schema')}); remove it or choose another directory")
            with db:
                db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                               [("format", STORE_FORMAT), ("schema", SCHEMA)])
        except (sqlite3.Error, OSError) as exc:
            raise _fault(directory / FILENAME, exc) from None
        return cls(directory, db)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # writing -----------------------------------------------------------------------------------

    @_guarded
    def put(self, plans: Iterable["Plan"]) -> list[str]:
        """Add or replace plans (by plan id) in one transaction; return their ids."""
        from .build import plan_graph

        built_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        ids = []
        with self._db:
            for plan in plans:
                graph = plan_graph(plan)
                self._delete(plan.id)
                self._db.execute(
                    "INSERT INTO plans VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (plan.id, plan.metadata.title, plan.metadata.region, _absolute(plan.source.path),
                     plan.source.sha256, built_at, plan.to_json(indent=None)))
                self._db.executemany(
                    "INSERT INTO nodes VALUES (?, ?, ?, ?)",
                    ((plan.id, node, data["type"],
                      _dump({k: v for k, v in data.items() if k != "type"}))
                     for node, data in graph.nodes(data=True)))
                self._db.executemany(
                    "INSERT INTO edges VALUES (?, ?, ?, ?, ?)",
                    ((plan.id, src, rel, dst, _dump(data))
                     for src, dst, rel, data in graph.edges(keys=True, data=True)))
                ids.append(plan.id)
        return ids

    @_guarded
    def remove(self, plan_id: str) -> bool:
        """Drop one plan; ``False`` if the store did not hold it."""
        with self._db:
            return self._delete(plan_id)

    def _delete(self, plan_id: str) -> bool:
        gone = self._db.execute("DELETE FROM plans WHERE id = ?", (plan_id,)).rowcount
        self._db.execute("DELETE FROM nodes WHERE plan = ?", (plan_id,))
        self._db.execute("DELETE FROM edges WHERE plan = ?", (plan_id,))
        return bool(gone)

    # reading -----------------------------------------------------------------------------------

    @_guarded
    def plans(self) -> list[PlanEntry]:
        rows = self._db.execute("SELECT id, title, region, source_path, sha256, built_at "
                                "FROM plans ORDER BY id")
        return [PlanEntry(*row) for row in rows]

    @_guarded
    def plan_json(self, plan_id: str) -> dict[str, Any]:
        """The stored JSON of one plan (``policykg/plan@1``); ``KeyError`` if absent."""
        row = self._db.execute("SELECT plan_json FROM plans WHERE id = ?", (plan_id,)).fetchone()
        if row is None:
            raise KeyError(plan_id)
        return json.loads(row[0])

    @_guarded
    def require_plans(self) -> None:
        """Raise ``StoreEmpty`` when there is nothing to query."""
        if self._db.execute("SELECT 1 FROM plans LIMIT 1").fetchone() is None:
            raise StoreEmpty(f"the store in {self.directory} holds no plans (add some with: "
                             f"policykg build PATH --store {self.directory})")

    @_guarded
    def load_graph(self, plan_ids: Iterable[str] | None = None, linked: bool = True,
                   part: Part | None = None) -> "nx.MultiDiGraph":
        """The graph of all plans (or of ``plan_ids``), shared nodes merged and, when ``linked``,
        citations between the plans resolved (``graph.lineage``); only ``part`` of it when given.
        A caller that never follows plan-to-plan links passes ``linked=False`` and skips that
        step and its imports. The collector is paused meanwhile, as in a build
        (``extractor.memory``): the rows become thousands of small dicts at once."""
        import networkx as nx

        from policykg.extractor.memory import paused_collector

        from .merge import merge_into

        nodes, edges = [], []
        if plan_ids is not None:
            plans = tuple(plan_ids)
            nodes.append(_among("plan", plans))
            edges.append(_among("plan", plans))
        if part is not None:
            nodes.append(_among("type", part.types))
            edges.append(_among("rel", part.relations))
        graph = nx.MultiDiGraph()
        with paused_collector():
            merge_into(graph, self._nodes(*_where(nodes)), self._edges(*_where(edges)))
        if linked:
            from .lineage import link_plans
            link_plans(graph)
        return graph

    def _nodes(self, where: str, args: tuple) -> Iterator[tuple[str, dict]]:
        rows = self._db.execute(f"SELECT id, type, props FROM nodes{where} ORDER BY plan, rowid",
                                args).fetchall()
        for (node, kind, _), attrs in zip(rows, _parsed(rows, 2)):
            attrs["type"] = kind
            yield node, attrs

    def _edges(self, where: str, args: tuple) -> Iterator[tuple[str, str, str, dict]]:
        rows = self._db.execute(f"SELECT src, dst, rel, props FROM edges{where} ORDER BY plan, rowid",
                                args).fetchall()
        for (src, dst, rel, _), attrs in zip(rows, _parsed(rows, 3)):
            yield src, dst, rel, attrs


def _among(column: str, values: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """An SQL condition that ``column`` is one of ``values``, with its parameters."""
    return f"{column} IN ({', '.join('?' * len(values))})", values


def _where(conditions: list[tuple[str, tuple[str, ...]]]) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause joining ``conditions`` (empty when there are none), and its parameters."""
    if not conditions:
        return "", ()
    return (" WHERE " + " AND ".join(sql for sql, _ in conditions),
            tuple(value for _, values in conditions for value in values))


def _parsed(rows: list[tuple], column: int) -> list[dict[str, Any]]:
    """The JSON objects in one column of ``rows``, parsed in one call: joined into one JSON
    array, the corpus's few thousand rows cost one ``json.loads`` instead of one each."""
    return json.loads("[" + ",".join([row[column] for row in rows]) + "]")


def _absolute(path: str | None) -> str | None:
    """Where the source file is, wherever the store is read from later (the plan's JSON keeps
    the path as given, which may be relative to the directory the build ran in)."""
    return str(Path(path).resolve()) if path else None


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
