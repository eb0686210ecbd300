"""The graph commands through click's CliRunner (and a real process for the cold start)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from policykg.graph.store import Store
from policykg.cli import cli

from .conftest import QINGYANG


def invoke(*args: str):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture(scope="module")
def qingyang_store(tmp_path_factory):
    """A store built by the command itself from the Qingyang plan."""
    directory = tmp_path_factory.mktemp("qingyang")
    result = invoke("build", QINGYANG, "--store", directory, "--workers", "1")
    assert result.exit_code == 0, result.output
    return directory


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory, corpus_plans):
    directory = tmp_path_factory.mktemp("corpus")
    with Store.create(directory) as store:
        store.put(corpus_plans)
    return directory


def as_json(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- build -------------------------------------------------------------------------------------

def test_build_reports_what_it_stored(qingyang_store):
    with Store.open(qingyang_store) as store:
        assert [p.id for p in store.plans()] == ["qingyang-tandafeng-2024"]


def test_rebuilding_is_idempotent(tmp_path):
    first = invoke("build", QINGYANG, "--store", tmp_path, "--workers", "1")
    before = invoke("who-owns", "绿色", "--store", tmp_path, "--format", "json").stdout
    again = invoke("build", QINGYANG, QINGYANG.parent, "--store", tmp_path, "--workers", "1")
    assert first.exit_code == again.exit_code == 0
    assert "it now holds 1" in again.stdout
    assert invoke("who-owns", "绿色", "--store", tmp_path, "--format", "json").stdout == before


def test_build_without_paths_builds_the_shipped_plan(tmp_path):
    result = invoke("build", "--store", tmp_path, "--workers", "1")
    assert result.exit_code == 0 and "stored 1 file as 1 plan (1 new; 31 measures)" in result.stdout


def test_build_lists_bad_files_and_keeps_the_good_ones(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    store = tmp_path / "store"
    result = invoke("build", tmp_path / "missing.txt", empty, QINGYANG, "--store", store,
                    "--workers", "1")
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert errors[0].startswith("Error: ") and "missing.txt" in errors[0]
    assert "empty.txt" in errors[1] and len(errors) == 2
    with Store.open(store) as opened:
        assert len(opened.plans()) == 1


def test_build_of_a_folder_without_plans(tmp_path):
    (tmp_path / "plans").mkdir()
    result = invoke("build", tmp_path / "plans", "--store", tmp_path / "store")
    assert result.exit_code == 2 and "no plan files found" in result.stderr


# --- named queries -----------------------------------------------------------------------------

def test_who_owns_acceptance(qingyang_store):
    rows = as_json(invoke("who-owns", "交通运输结构", "--store", qingyang_store))
    assert [(r["measure"]["title"], r["lead"]) for r in rows] == [("构建绿色高效的交通运输结构", ["区住建交局"])]


def test_portfolio_acceptance(qingyang_store):
    rows = as_json(invoke("portfolio", "区执法局", "--store", qingyang_store, "--format", "json"))
    assert [r["measure"]["title"] for r in rows if r["role"] == "lead"] == ["大力推进生活垃圾减量化资源化"]
    assert sum(r["role"] == "support" for r in rows) >= 5


def test_portfolio_resolves_an_alias(qingyang_store):
    rows = as_json(invoke("portfolio", "区发展改革委", "--store", qingyang_store))
    assert rows and {r["department"] for r in rows} == {"区发展改革局"}


def test_sparql_backend_gives_the_same_json(corpus_store):
    for args in (("who-owns", "光伏"), ("portfolio", "区执法局"), ("targets", "--year", "2030"),
                 ("departments", "--plan", "qingyang-tandafeng-2024")):
        ours = invoke(*args, "--store", corpus_store).stdout
        assert invoke(*args, "--store", corpus_store, "--backend", "sparql").stdout == ours


def test_targets_as_csv(qingyang_store):
    result = invoke("targets", "--year", "2025", "--indicator", "绿色出行", "--store", qingyang_store,
                    "--format", "csv")
    lines = result.stdout.strip().splitlines()
    header = lines[0].split(",")
    assert {"plan", "measure.title", "lead", "target.value", "target.unit"} <= set(header)
    assert len(lines) >= 2
    row = dict(zip(header, lines[1].split(",")))
    assert row["lead"] == "区住建交局" and row["target.unit"] == "%"


def test_departments_as_a_table(qingyang_store):
    result = invoke("departments", "--store", qingyang_store, "--format", "table")
    assert result.exit_code == 0
    assert "Department" in result.stdout and "区新经济和科技局" in result.stdout


def test_who_owns_table_shows_the_measure(qingyang_store):
    out = invoke("who-owns", "交通运输结构", "--store", qingyang_store, "--format", "table").stdout
    assert "构建绿色高效的交通运输结构" in out and "区住建交局" in out and "Lead" in out
    assert "Joint" not in out  # a column empty in every row is left out of the table


def test_a_query_that_matches_nothing(qingyang_store):
    result = invoke("who-owns", "不存在的措施", "--store", qingyang_store, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []
    assert result.stderr.strip() == "no measure matches '不存在的措施'"
    result = invoke("portfolio", "火星局", "--store", qingyang_store, "--format", "table")
    assert result.exit_code == 1 and result.stdout == "" and "火星局" in result.stderr


def test_unknown_store(tmp_path):
    result = invoke("who-owns", "交通", "--store", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "no store in" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_empty_store(tmp_path):
    Store.create(tmp_path).close()
    result = invoke("departments", "--store", tmp_path)
    assert result.exit_code == 2 and "holds no plans" in result.stderr


def test_store_from_the_environment(qingyang_store, monkeypatch):
    monkeypatch.setenv("POLICYKG_STORE", str(qingyang_store))
    assert as_json(invoke("who-owns", "交通运输结构"))


def test_unknown_plan(qingyang_store):
    result = invoke("targets", "--plan", "nope", "--store", qingyang_store)
    assert result.exit_code == 2 and "qingyang-tandafeng-2024" in result.stderr


def test_empty_text_is_a_usage_error(qingyang_store):
    assert invoke("who-owns", " ", "--store", qingyang_store).exit_code == 2


# --- export, validate, sparql ------------------------------------------------------------------

def test_export_and_validate(qingyang_store, tmp_path):
    out = tmp_path / "plan.ttl"
    assert invoke("export", "-o", out, "--store", qingyang_store).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("@prefix")
    result = invoke("validate", out)
    assert result.exit_code == 0 and "conforms" in result.stdout
    broken = tmp_path / "broken.ttl"
    text = out.read_text(encoding="utf-8")
    broken.write_text(text.replace("pkg:targetValue ", 'pkg:targetValue "x", '), encoding="utf-8")
    result = invoke("validate", broken)
    assert result.exit_code == 1 and "violation" in result.stderr


def test_export_formats_by_suffix_and_name(qingyang_store, tmp_path):
    for name in ("data.nt", "data.jsonld", "data.rdf", "data.graphml"):
        assert invoke("export", "-o", tmp_path / name, "--store", qingyang_store).exit_code == 0
        assert (tmp_path / name).stat().st_size > 10_000
    result = invoke("export", "--format", "nt", "--store", qingyang_store,
                    "--base", "https://x.cn/")
    assert result.exit_code == 0 and "<https://x.cn/plan/qingyang-tandafeng-2024>" in result.stdout


def test_export_errors(qingyang_store, tmp_path):
    assert invoke("export", "-o", tmp_path / "a.docx", "--store", qingyang_store).exit_code == 2
    result = invoke("export", "--base", "not an iri", "--store", qingyang_store)
    assert result.exit_code == 2 and "not an absolute IRI" in result.stderr


def test_validate_errors(tmp_path):
    assert invoke("validate", tmp_path / "absent.ttl").exit_code == 2
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    result = invoke("validate", bad)
    assert result.exit_code == 2 and "not readable as RDF" in result.stderr
    empty = tmp_path / "empty.ttl"
    empty.write_text("", encoding="utf-8")
    result = invoke("validate", empty)
    assert result.exit_code == 2 and "no RDF triples" in result.stderr


def test_sparql_command(qingyang_store):
    from importlib import resources

    example = resources.files("policykg.queries").joinpath("sparql", "leads.rq")
    rows = as_json(invoke("sparql", str(example), "--store", qingyang_store,
                          "--engine", "oxigraph"))
    assert len(rows) == 31 and {"plan", "measure", "title", "lead"} <= set(rows[0])
    inline = invoke("sparql", "SELECT (COUNT(?m) AS ?n) WHERE { ?m a pkg:Measure }",
                    "--store", qingyang_store)
    assert as_json(inline) == [{"n": 31}]
    ask = invoke("sparql", "ASK { ?d a pkg:Department }", "--store", qingyang_store)
    assert ask.stdout == "true\n"
    result = invoke("sparql", "SELEKT nothing", "--store", qingyang_store)
    assert result.exit_code == 2 and result.stderr.startswith("Error: bad SPARQL query")


def test_sparql_query_file_that_is_not_text(qingyang_store, tmp_path):
    binary = tmp_path / "query.rq"
    binary.write_bytes(bytes(range(128, 256)))
    result = invoke("sparql", str(binary), "--store", qingyang_store)
    assert result.exit_code == 2 and "not a UTF-8 text file" in result.stderr


# --- cold start ----------------------------------------------------------------------------------

def test_who_owns_cold_start_loads_neither_parser_nor_rdf(corpus_store):
    """A fresh process answers from the whole corpus without importing the parser, the plan model,
    RDF or rich (its time is measured by ``policykg bench --only cold-start``, not here)."""
    command = [sys.executable, "-m", "policykg", "who-owns", "交通", "--store", str(corpus_store)]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(command, capture_output=True, env=env)
    assert done.returncode == 0, done.stderr
    traced = subprocess.run([sys.executable, "-X", "importtime", *command[1:]], capture_output=True,
                            text=True, env=env)
    assert traced.returncode == 0, traced.stderr
    imported = {line.rsplit("|", 1)[-1].strip() for line in traced.stderr.splitlines()}
    assert "networkx" in imported   # the trace is real: the graph library is there
    for heavy in ("pydantic", "spacy", "jieba", "rjieba", "rdflib", "policykg.extractor.model", "rich"):
        assert heavy not in imported, heavy


class FolderExporter:
    """A stand-in for a format written as a folder (as ``neo4j-csv`` will be)."""

    def __init__(self, base: str):
        self.base = base

    def write(self, graph, out) -> None:
        (out / "nodes.txt").write_text("\n".join(sorted(graph.nodes)), encoding="utf-8")


def test_a_folder_format_gets_a_folder(qingyang_store, tmp_path, monkeypatch):
    from policykg.graph.export import FORMATS, Format

    monkeypatch.setitem(FORMATS, "folder", Format("folder", __name__, "FolderExporter", (),
                                                  "test", directory=True))
    result = invoke("export", "--format", "folder", "--store", qingyang_store)
    assert result.exit_code == 2 and "-o DIR" in result.stderr
    assert invoke("export", "--format", "folder", "-o", tmp_path / "out",
                  "--store", qingyang_store).exit_code == 0
    nodes = (tmp_path / "out" / "nodes.txt").read_text(encoding="utf-8").splitlines()
    assert "plan/qingyang-tandafeng-2024/measure/m12" in nodes
