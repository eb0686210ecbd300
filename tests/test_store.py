"""The SQLite store: round trip, replacing a plan, shared nodes, errors, load speed."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import networkx as nx
import pytest

from policykg.extractor.model import Plan
from policykg.graph.build import build_graph
from policykg.graph.store import FILENAME, Store, StoreEmpty, StoreError, StoreNotFound, default_store_dir

from .graph_samples import alpha, beta, gamma, sample_plans


def rows(directory, table: str) -> int:
    with sqlite3.connect(directory / FILENAME) as db:
        return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def stored(directory, plans) -> nx.MultiDiGraph:
    with Store.create(directory) as store:
        store.put(plans)
    with Store.open(directory) as store:
        return store.load_graph()


def test_loaded_graph_equals_the_built_one(tmp_path):
    plans = sample_plans()
    assert nx.utils.graphs_equal(stored(tmp_path, plans), build_graph(plans))


def test_rebuilding_a_plan_replaces_it(tmp_path):
    stored(tmp_path, sample_plans())
    counts = rows(tmp_path, "nodes"), rows(tmp_path, "edges"), rows(tmp_path, "plans")
    graph = stored(tmp_path, [alpha(), beta()])
    assert (rows(tmp_path, "nodes"), rows(tmp_path, "edges"), rows(tmp_path, "plans")) == counts
    assert nx.utils.graphs_equal(graph, build_graph(sample_plans()))


def test_a_changed_plan_leaves_nothing_of_its_old_version(tmp_path):
    stored(tmp_path, sample_plans())
    data = alpha().to_dict()
    data.update(targets=[], goals=[], measures=[m for m in data["measures"] if m["id"] != "m3"],
                departments=[d for d in data["departments"] if d["name"] != "区交通局"])
    graph = stored(tmp_path, [Plan.from_dict(data)])
    assert "plan/alpha-2024/measure/m3" not in graph
    assert "plan/alpha-2024/target/t1" not in graph
    assert "department/甲区/区交通局" not in graph  # only m3 and the department list named it
    # a shared indicator keeps the plan that still states it
    assert graph.nodes["indicator/非化石能源消费比重"]["plans"] == ["beta-2023"]


def test_removing_a_plan_shrinks_what_shared_nodes_say(tmp_path):
    stored(tmp_path, sample_plans())
    with Store.create(tmp_path) as store:
        assert store.remove("beta-2023")
        assert not store.remove("beta-2023")
    with Store.open(tmp_path) as store:
        graph = store.load_graph()
        assert [p.id for p in store.plans()] == ["alpha-2024", "delta", "gamma-2022"]
    dept = graph.nodes["department/甲区/区发展改革局"]
    assert dept["plans"] == ["alpha-2024"] and dept["aliases"] == ["区发展改革委"]
    assert "plan/beta-2023" not in graph


def test_load_some_plans_only(tmp_path):
    stored(tmp_path, sample_plans())
    with Store.open(tmp_path) as store:
        graph = store.load_graph(["gamma-2022"])
    assert {d["plan"] for _, d in graph.nodes(data=True) if "plan" in d} == {"gamma-2022"}
    assert nx.utils.graphs_equal(graph, build_graph([gamma()]))


def test_a_part_is_the_whole_graph_cut_to_its_types_and_relations(tmp_path):
    from policykg.queries import NetworkxBackend, part_read_by, run

    whole = stored(tmp_path, sample_plans())
    part = part_read_by("who-owns")
    with Store.open(tmp_path) as store:
        cut = store.load_graph(part=part)
        unlinked = store.load_graph(linked=False)
    kept = [n for n, d in whole.nodes(data=True) if d["type"] in part.types]
    expected = whole.subgraph(kept).edge_subgraph(
        [(u, v, k) for u, v, k in whole.subgraph(kept).edges(keys=True) if k in part.relations])
    assert set(cut) == set(kept) and nx.utils.edges_equal(cut.edges(keys=True, data=True),
                                                          expected.edges(keys=True, data=True))
    assert all(cut.nodes[n] == whole.nodes[n] for n in cut)
    for text in ("交通", "能源", "1"):
        assert run("who-owns", NetworkxBackend(cut), text=text) == \
            run("who-owns", NetworkxBackend(whole), text=text) == \
            run("who-owns", NetworkxBackend(unlinked), text=text)


def test_plan_json_is_kept(tmp_path):
    stored(tmp_path, sample_plans())
    with Store.open(tmp_path) as store:
        assert store.plan_json("alpha-2024") == alpha().to_dict()
        entry = next(p for p in store.plans() if p.id == "alpha-2024")
        assert entry.region == "甲区" and entry.sha256 == "0" * 64
        with pytest.raises(KeyError):
            store.plan_json("nope")


def test_missing_store(tmp_path):
    with pytest.raises(StoreNotFound, match="no store in"):
        Store.open(tmp_path / "absent")


def test_empty_store(tmp_path):
    Store.create(tmp_path).close()
    with Store.open(tmp_path) as store:
        with pytest.raises(StoreEmpty, match="holds no plans"):
            store.require_plans()


def test_a_file_that_is_not_a_store(tmp_path):
    (tmp_path / FILENAME).write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a policykg store"):
        Store.open(tmp_path)
    with pytest.raises(StoreError, match="not a policykg store"):
        Store.create(tmp_path)


def test_store_of_another_schema_version(tmp_path):
    Store.create(tmp_path).close()
    with sqlite3.connect(tmp_path / FILENAME) as db:
        db.execute("UPDATE meta SET value = 'policykg/graph@0' WHERE key = 'schema'")
    with pytest.raises(StoreError, match="another version"):
        Store.open(tmp_path)


def test_default_store_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("POLICYKG_STORE", str(tmp_path / "s"))
    assert default_store_dir() == tmp_path / "s"
    monkeypatch.delenv("POLICYKG_STORE")
    assert default_store_dir() == Path.home() / ".local" / "share" / "policykg" / "store"


def test_whole_corpus_round_trip(tmp_path, corpus_plans):
    """The store gives back the graph built from the plans (its load time: ``policykg bench``)."""
    with Store.create(tmp_path) as store:
        store.put(corpus_plans)
    with Store.open(tmp_path) as store:
        graph = store.load_graph()
    assert nx.utils.graphs_equal(graph, build_graph(corpus_plans))


# --- a build killed while it commits -----------------------------------------------------------

_KILLED_BUILD = """
import os, signal, sys
from policykg.extractor import parse_file
from policykg.graph.store import Store

plan = parse_file(sys.argv[2])
def copies():
    # enough rows to overflow SQLite's page cache, so pages reach the file before the commit
    for i in range(40):
        yield plan.model_copy(update={"id": f"copy-{i}"})
    os.kill(os.getpid(), signal.SIGKILL)
Store.create(sys.argv[1]).put(copies())
"""
_HOT_JOURNAL = bytes.fromhex("d9d505f920a163d7")   # the magic SQLite writes once a journal is live


@pytest.fixture
def killed_store(tmp_path):
    """A store of the Qingyang plan, then a build of 40 more plans killed with SIGKILL inside its
    transaction: the file holds half-written pages and a hot journal beside it."""
    import signal
    import subprocess
    import sys

    from .conftest import QINGYANG

    from policykg.extractor import parse_file

    with Store.create(tmp_path) as store:
        store.put([parse_file(QINGYANG)])
    run = subprocess.run([sys.executable, "-c", _KILLED_BUILD, str(tmp_path), str(QINGYANG)])
    assert run.returncode == -signal.SIGKILL
    journal = tmp_path / (FILENAME + "-journal")
    assert journal.read_bytes()[:8] == _HOT_JOURNAL
    return tmp_path


def test_a_read_after_a_killed_build_rolls_it_back(killed_store):
    from click.testing import CliRunner

    from policykg.cli import cli

    with Store.open(killed_store) as store:
        assert [p.id for p in store.plans()] == ["qingyang-tandafeng-2024"]
    assert not (killed_store / (FILENAME + "-journal")).exists()
    result = CliRunner().invoke(cli, ["departments", "--store", str(killed_store), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "区发展改革局" in result.stdout


def test_the_reader_still_writes_nothing(tmp_path, qingyang_plan):
    with Store.create(tmp_path) as store:
        store.put([qingyang_plan])
    with Store.open(tmp_path) as store:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store._db.execute("DELETE FROM plans")


def test_a_killed_build_on_a_store_nobody_may_write_says_what_to_do(killed_store):
    """A read-only mount (its own mount namespace, so only this command sees it) cannot roll the
    journal back: one line says why and what to do, exit 2."""
    import subprocess
    import sys

    script = (f"mount --bind {killed_store} {killed_store} && "
              f"mount -o remount,bind,ro {killed_store} && "
              f"{sys.executable} -m policykg departments --store {killed_store}")
    run = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True)
    assert run.returncode == 2, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "interrupted build left policykg.sqlite-journal" in lines[0]
    assert "Traceback" not in run.stderr
    assert (killed_store / (FILENAME + "-journal")).exists()
