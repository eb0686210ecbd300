"""The embedded default store: one SQLite file holding every plan's graph and JSON.

Layout (``policykg/store@1``): ``plans`` (one row per plan, with the plan's full JSON so later
features such as comparisons can read it), ``nodes`` and ``edges`` (what each plan contributes
to the graph, keyed by plan), ``paths`` (every file a plan was read from: one document met under
several names is one plan, see ``graph.identity``). A shared node (a department, an indicator) has one row per plan
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

from .identity import Placement, better_reading, free_id, same_document, title_key
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
CREATE TABLE IF NOT EXISTS paths (path TEXT PRIMARY KEY, plan TEXT NOT NULL);
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
    """The source file's absolute path at build time (the first, when the plan was read from
    several files: all of them are in its JSON's ``source.paths``)."""
    sha256: str
    built_at: str


class Store:
    """A store directory. ``Store.open`` for reading, ``Store.create`` for building."""

    def __init__(self, directory: Path, connection: sqlite3.Connection):
        self.directory = directory
        self._db = connection
        self._titles: dict[str, set[str]] | None = None   # title key → plan ids, once ``add`` asks

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
        """Add or replace plans by their ids, as given, in one transaction; return the ids.
        (``add`` decides by document instead, as ``build`` does.)"""
        built_at = _now()
        ids = []
        with self._db:
            for plan in plans:
                self._write(plan, built_at, _paths(plan))
                ids.append(plan.id)
        return ids

    @_guarded
    def add(self, plans: Iterable["Plan"]) -> list[Placement]:
        """Store parsed documents by what they are, in one transaction (``graph.identity``): a
        stored document met again is replaced or gains a path, a new one gets an id that no other
        document holds. Returns what became of each, in order."""
        built_at = _now()
        with self._db:
            return [self._add(plan, built_at) for plan in plans]

    def _add(self, plan: "Plan", built_at: str) -> Placement:
        path = _absolute(plan.source.path)
        holder = self._holder(path) if path else None
        found = self._same_document(plan)
        notes, replaced = [], False
        if holder and (found is None or found[0] != holder):
            note, replaced = self._release(holder, path)
            notes.append(note)
        if found is None:
            pid = free_id(plan, self._holds)
            paths = [path] if path else []
            if pid != plan.id:
                others = ", ".join(self._stored_paths(plan.id)) or "no file"
                notes.append(f"{plan.id} is another document ({others})")
            self._write(_renamed(plan, pid, paths), built_at, paths)
            action = "replaced" if replaced else "new" if pid == plan.id else "renamed"
            return Placement(pid, path, action, _joined(notes))
        pid, why = found
        old = self._plan(pid)
        paths = self._stored_paths(pid)
        first = paths[0] if paths else None
        if path in paths:
            action = "replaced"
            notes.append(f"replaces the stored plan ({path} built again: {why})")
        else:
            action = "merged"
            paths += [path] if path else []
            notes.append(f"{path or 'this text'} is the same document as {first or pid} ({why}): "
                         f"one plan, {len(paths)} files")
        if path == first or better_reading(plan, old):
            if path and path != first:
                paths = [path, *(p for p in paths if p != path)]
                notes.append(f"the parse of {path} kept")
            self._write(_renamed(plan, pid, paths), built_at, paths)
        elif action == "merged":
            self._write(_renamed(old, pid, paths), built_at, paths)
        else:
            return Placement(pid, path, "kept", f"{path} is already stored, a reading of "
                                                f"{first} ({why})")
        return Placement(pid, path, action, _joined(notes))

    def _same_document(self, plan: "Plan") -> tuple[str, str] | None:
        """The stored plan that is ``plan``'s document, and why: identical bytes first (no JSON
        read), then the plans of the same title."""
        row = self._db.execute("SELECT id FROM plans WHERE sha256 = ? ORDER BY id",
                               (plan.source.sha256,)).fetchone()
        if row:
            return row[0], "identical bytes"
        for pid in sorted(self._title_index().get(title_key(plan.metadata.title) or "", ())):
            why = same_document(plan, self._plan(pid))
            if why:
                return pid, why
        return None

    def _release(self, holder: str, path: str) -> tuple[str, bool]:
        """``path`` now holds another document than ``holder``'s: take it off that plan. A plan
        left without files, or whose parse came from that file, is removed. Returns what was
        done, and whether it was the plan of that file alone (so the new one replaces it)."""
        paths = self._stored_paths(holder)
        rest = [p for p in paths if p != path]
        if rest and paths[0] != path:
            self._write(_renamed(self._plan(holder), holder, rest), _now(), rest)
            return f"{path} left {holder}, which it no longer matches", False
        self._delete(holder)
        if rest:
            return (f"{holder} removed: its parse came from {path}, which now holds another "
                    f"document; build {', '.join(rest)} again"), False
        return f"replaces {holder}, what {path} held before (another document)", True

    def _write(self, plan: "Plan", built_at: str, paths: list[str]) -> None:
        """Replace ``plan.id``'s rows by ``plan``'s: the plan, its graph, its files (absolute,
        the one its parse came from first)."""
        from .build import plan_graph

        graph = plan_graph(plan)
        self._delete(plan.id)
        self._db.execute(
            "INSERT INTO plans VALUES (?, ?, ?, ?, ?, ?, ?)",
            (plan.id, plan.metadata.title, plan.metadata.region, paths[0] if paths else None,
             plan.source.sha256, built_at, plan.to_json(indent=None)))
        self._db.executemany(
            "INSERT INTO nodes VALUES (?, ?, ?, ?)",
            ((plan.id, node, data["type"], _dump({k: v for k, v in data.items() if k != "type"}))
             for node, data in graph.nodes(data=True)))
        self._db.executemany(
            "INSERT INTO edges VALUES (?, ?, ?, ?, ?)",
            ((plan.id, src, rel, dst, _dump(data))
             for src, dst, rel, data in graph.edges(keys=True, data=True)))
        self._db.executemany("INSERT OR REPLACE INTO paths VALUES (?, ?)",
                             ((p, plan.id) for p in paths))
        key = title_key(plan.metadata.title)
        if self._titles is not None and key:
            self._titles.setdefault(key, set()).add(plan.id)

    @_guarded
    def remove(self, plan_id: str) -> bool:
        """Drop one plan; ``False`` if the store did not hold it."""
        with self._db:
            return self._delete(plan_id)

    def _delete(self, plan_id: str) -> bool:
        gone = self._db.execute("DELETE FROM plans WHERE id = ?", (plan_id,)).rowcount
        for table in ("nodes", "edges", "paths"):
            self._db.execute(f"DELETE FROM {table} WHERE plan = ?", (plan_id,))
        if self._titles is not None:
            for ids in self._titles.values():
                ids.discard(plan_id)
        return bool(gone)

    def _title_index(self) -> dict[str, set[str]]:
        if self._titles is None:
            self._titles = {}
            for pid, title in self._db.execute("SELECT id, title FROM plans"):
                if key := title_key(title):
                    self._titles.setdefault(key, set()).add(pid)
        return self._titles

    def _holds(self, plan_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM plans WHERE id = ?", (plan_id,)).fetchone() is not None

    def _holder(self, path: str) -> str | None:
        """The plan read from ``path`` (a store made before the ``paths`` table knows only each
        plan's first file)."""
        row = self._db.execute("SELECT plan FROM paths WHERE path = ? UNION "
                               "SELECT id FROM plans WHERE source_path = ?", (path, path)).fetchone()
        return row[0] if row else None

    def _stored_paths(self, plan_id: str) -> list[str]:
        """A stored plan's files, absolute, first the one its parse came from."""
        row = self._db.execute("SELECT source_path, json_extract(plan_json, '$.source.paths') "
                               "FROM plans WHERE id = ?", (plan_id,)).fetchone()
        if row is None:
            return []
        return json.loads(row[1] or "[]") or ([row[0]] if row[0] else [])

    def _plan(self, plan_id: str) -> "Plan":
        from policykg.extractor.model import Plan

        return Plan.from_dict(self.plan_json(plan_id))

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


def _paths(plan: "Plan") -> list[str]:
    """The files a plan being put was read from, absolute (relative ones from here and now)."""
    if plan.source.paths:
        return [_absolute(p) for p in plan.source.paths]
    path = _absolute(plan.source.path)
    return [path] if path else []


def _joined(notes: list[str | None]) -> str | None:
    return "; ".join(n for n in notes if n) or None


def _renamed(plan: "Plan", plan_id: str, paths: list[str]) -> "Plan":
    """``plan`` under ``plan_id``, its ``source.paths`` listing ``paths`` when there are several."""
    source = plan.source.model_copy(update={"paths": paths if len(paths) > 1 else []})
    return plan.model_copy(update={"id": plan_id, "source": source})


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _absolute(path: str | None) -> str | None:
    """Where the source file is, wherever the store is read from later (the plan's JSON keeps
    the path as given, which may be relative to the directory the build ran in)."""
    return str(Path(path).resolve()) if path else None


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
