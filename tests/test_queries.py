"""The named queries: answers worked out by hand, and the same answer from every backend."""
from __future__ import annotations

import pytest

from policykg.graph.build import build_graph
from policykg.graph.sparql import open_engine
from policykg.queries import QUERIES, NetworkxBackend, SparqlBackend, UnsupportedBackend, run

from .graph_samples import sample_plans

ENGINES = ("rdflib", "oxigraph")


@pytest.fixture(scope="module")
def sample_graph():
    return build_graph(sample_plans())


@pytest.fixture(scope="module")
def backends(sample_graph):
    return {"networkx": NetworkxBackend(sample_graph),
            **{e: SparqlBackend(open_engine(sample_graph, e)) for e in ENGINES}}


@pytest.fixture(params=("networkx", *ENGINES))
def ask(request, backends):
    """Run a query on one backend; every test using it runs once per backend."""
    return lambda query, **params: run(query, backends[request.param], **params)


def titles(rows):
    return [(r["plan"], r["measure"]["title"]) for r in rows]


# --- who-owns ----------------------------------------------------------------------------------

def test_who_owns_by_title(ask):
    assert ask("who-owns", text="交通运输结构") == [{
        "plan": "alpha-2024",
        "measure": {"id": "m3", "path": "二/（二）/3", "title": "优化交通运输结构"},
        "lead": [], "support": [], "joint": ["区交通局", "区执法局"]}]


def test_who_owns_by_body_ignoring_case(ask):
    assert titles(ask("who-owns", text="ev")) == [("alpha-2024", "优化交通运输结构")]


def test_who_owns_by_number_and_path(ask):
    assert titles(ask("who-owns", text="1")) == [
        ("alpha-2024", "推进光伏发电"), ("beta-2023", "完善能源统计"), ("gamma-2022", "推进交通运输绿色转型")]
    rows = ask("who-owns", text="二/（二）/4")
    assert rows == [{"plan": "alpha-2024",
                     "measure": {"id": "m4", "path": "二/（二）/4", "title": "建设慢行系统"},
                     "lead": [], "support": [], "joint": []}]


def test_who_owns_in_one_plan_lists_units_in_printed_order(ask):
    rows = ask("who-owns", text="绿色建筑", plan="alpha-2024")
    assert [(r["lead"], r["support"]) for r in rows] == [(["区住建局"], ["区发展改革局", "区执法局"])]
    assert ask("who-owns", text="绿色建筑", plan="beta-2023") == []


def test_who_owns_nothing(ask):
    assert ask("who-owns", text="不存在的措施") == []


# --- portfolio ---------------------------------------------------------------------------------

def test_portfolio_through_an_alias(ask):
    rows = ask("portfolio", department="区发展改革委")
    assert [(r["role"], r["plan"], r["measure"]["id"]) for r in rows] == [
        ("lead", "alpha-2024", "m1"), ("lead", "beta-2023", "m1"), ("support", "alpha-2024", "m2")]
    assert {(r["department"], r["region"]) for r in rows} == {("区发展改革局", "甲区")}
    assert rows[2]["lead"] == ["区住建局"] and rows[2]["support"] == ["区发展改革局", "区执法局"]


def test_portfolio_by_name_finds_every_region(ask):
    rows = ask("portfolio", department="区发展改革局")
    assert [(r["role"], r["plan"], r["region"]) for r in rows] == [
        ("lead", "alpha-2024", "甲区"), ("lead", "beta-2023", "甲区"),
        ("support", "alpha-2024", "甲区"), ("support", "gamma-2022", "乙市")]


def test_portfolio_falls_back_to_part_of_a_name(ask):
    rows = ask("portfolio", department="执法")
    assert [(r["role"], r["measure"]["title"]) for r in rows] == [
        ("support", "发展绿色建筑"), ("joint", "优化交通运输结构")]


def test_portfolio_of_nobody(ask):
    assert ask("portfolio", department="不存在局") == []
    assert ask("portfolio", department="某市甲区人民政府") == []  # issues the plan, owns nothing


# --- targets -----------------------------------------------------------------------------------

def test_targets_rows(ask):
    rows = ask("targets", plan="alpha-2024")
    assert [(r["scope"], r["target"]["id"]) for r in rows] == [
        ("二/（一）/1", "t1"), ("一", "t2"), ("", "t3")]
    first, _, last = rows
    assert first["measure"] == {"id": "m1", "path": "二/（一）/1", "title": "推进光伏发电"}
    assert first["lead"] == ["区发展改革局"] and first["support"] == ["区住建局"]
    assert first["target"] == {
        "id": "t1", "indicator": "光伏发电装机量", "indicator_name": "光伏装机容量",
        "value": 100000.0, "value_max": None, "unit": "千瓦", "printed_value": 100.0,
        "printed_unit": "MW", "comparator": "eq",
        "direction": "level", "year": 2025, "baseline_year": None, "modality": "力争",
        "text": "到2025年，光伏发电装机量"}
    assert last["measure"] is None and last["lead"] == []
    assert (last["target"]["value"], last["target"]["value_max"]) == (13.5, 14.0)
    assert (last["target"]["direction"], last["target"]["baseline_year"]) == ("decrease", 2020)


def test_targets_by_indicator_name_or_synonym(ask):
    rows = ask("targets", indicator="非化石")
    assert [(r["plan"], r["target"]["indicator_name"]) for r in rows] == [
        ("alpha-2024", "非化石能源消费比重"), ("beta-2023", "非化石能源消费比重")]
    # printed 单位GDP能耗, found through a synonym of its canonical indicator
    assert [r["target"]["id"] for r in ask("targets", indicator="单位生产总值能源消耗")] == ["t3"]


def test_indicator_labels_hold_synonyms_and_printed_forms(ask):
    rows = {r["id"]: r for r in ask("indicator-labels")}
    assert sorted(rows) == ["indicator/光伏装机容量", "indicator/单位地区生产总值能耗", "indicator/非化石能源消费比重"]
    solar = rows["indicator/光伏装机容量"]
    assert solar["name"] == "光伏装机容量"
    assert solar["aliases"] == ["光伏发电装机容量", "光伏发电装机量", "光伏装机量"]  # the data file's
    # how alpha-2024 printed it, a form the data file does not list
    assert "全区非化石能源占能源消费总量比重" in rows["indicator/非化石能源消费比重"]["aliases"]


def test_every_backend_gets_the_same_resolved_indicators(backends, monkeypatch):
    """The indicator text is resolved in Python before any backend runs: each backend's function
    is handed the same ids (none of them sees the text), and all give the same rows."""
    from policykg.queries import targets

    handed = []
    for kind in ("networkx", "sparql"):
        real = getattr(targets, f"on_{kind}")
        monkeypatch.setattr(targets, f"on_{kind}",
                            lambda source, params, real=real: handed.append(params) or real(source, params))
    answers = {name: run("targets", backend, indicator="单位生产总值能源消耗")
               for name, backend in backends.items()}
    # an alias of the canonical 单位地区生产总值能耗; the plan printed 单位GDP能耗
    assert handed == [targets.Resolved(indicators=("indicator/单位地区生产总值能耗",))] * 3
    assert [r["target"]["id"] for r in answers["networkx"]] == ["t3"]
    assert answers["rdflib"] == answers["networkx"] and answers["oxigraph"] == answers["networkx"]


def test_indicator_text_resolving_to_nothing_gives_no_rows(ask):
    assert ask("targets", indicator="森林覆盖率") == []


def test_targets_by_a_printed_form_ignoring_case(ask):
    rows = ask("targets", indicator="gdp能耗")   # printed 单位GDP能耗
    assert [(r["plan"], r["target"]["id"], r["target"]["indicator"]) for r in rows] == [
        ("alpha-2024", "t3", "单位GDP能耗")]
    # a form only alpha-2024 printed finds every target of its indicator, beta-2023's too
    rows = ask("targets", indicator="全区非化石")
    assert [(r["plan"], r["target"]["id"]) for r in rows] == [("alpha-2024", "t2"), ("beta-2023", "t1")]


def test_targets_by_year(ask):
    rows = ask("targets", year=2030)
    assert [(r["plan"], r["target"]["value"]) for r in rows] == [("beta-2023", 60.0)]
    assert ask("targets", year=1999) == []


# --- departments -------------------------------------------------------------------------------

def test_departments_ranked(ask):
    rows = ask("departments")
    assert [(r["department"], r["region"], r["leads"], r["supports"], r["joint"], r["measures"],
             r["plans"]) for r in rows] == [
        ("区发展改革局", "甲区", 2, 1, 0, 3, 2),
        ("区住建局", "甲区", 1, 1, 0, 2, 1),
        ("发展改革局", None, 1, 0, 0, 1, 1),
        ("市交通局", "乙市", 1, 0, 0, 1, 1),
        ("区执法局", "甲区", 0, 1, 1, 2, 1),
        ("区发展改革局", "乙市", 0, 1, 0, 1, 1),
        ("区交通局", "甲区", 0, 0, 1, 1, 1),
    ]


def test_departments_of_one_plan(ask):
    assert [r["department"] for r in ask("departments", plan="beta-2023")] == ["区发展改革局"]


# --- the registry ------------------------------------------------------------------------------

def test_unknown_backend_kind_is_refused(sample_graph):
    class Gremlin:
        kind = "gremlin"
        source = None

    with pytest.raises(UnsupportedBackend, match="who-owns has no gremlin"):
        run("who-owns", Gremlin(), text="x")


def test_every_query_is_one_folder_with_its_sparql_and_cypher(sample_graph):
    """Each query's folder holds its code, a .rq and a .cypher file; the SPARQL runs as it is
    (parameters unbound) and takes its parameters from the engine's bindings, not from text."""
    import importlib
    from importlib import resources

    engine = open_engine(sample_graph, "oxigraph")
    for name, module in QUERIES.items():
        mod = importlib.import_module(module)
        assert callable(mod.on_networkx) and callable(mod.on_sparql) and callable(mod.on_cypher), name
        folder = resources.files(module)
        stem = module.rsplit(".", 1)[1]
        sparql = folder.joinpath(f"{stem}.rq").read_text(encoding="utf-8")
        assert folder.joinpath(f"{stem}.cypher").is_file(), name
        assert "UNDEF" not in sparql and "VALUES ?planFilter" not in sparql, name
        engine.select(sparql)   # runs as it is, parameters unbound (the sample may hold no rows)


def test_a_parameter_is_a_term_never_query_text(ask):
    """A value with SPARQL or Cypher syntax in it is only a string to look for."""
    assert ask("who-owns", text='") } ?s ?p ?o { FILTER("') == []
    assert ask("portfolio", department="' OR 1=1 //") == []


# --- the whole corpus: the same answer on every backend --------------------------------------

CORPUS_QUESTIONS = [
    ("who-owns", {"text": "交通运输结构"}),
    ("who-owns", {"text": ""}),
    ("who-owns", {"text": "光伏", "plan": "shanghai-tandafeng-shishi-fangan"}),
    ("portfolio", {"department": "区执法局"}),
    ("portfolio", {"department": "区发展改革委"}),
    ("portfolio", {"department": "发展改革"}),
    ("portfolio", {"department": "发展改革委"}),
    ("targets", {}),
    ("targets", {"year": 2025, "indicator": "非化石"}),
    ("targets", {"indicator": "单位GDP能耗"}),
    ("indicator-labels", {}),
    ("departments", {}),
    ("departments", {"plan": "qingyang-tandafeng-2024"}),
]


@pytest.fixture(scope="module")
def corpus_backends(corpus_plans):
    graph = build_graph(corpus_plans)
    return {"networkx": NetworkxBackend(graph),
            **{e: SparqlBackend(open_engine(graph, e)) for e in ENGINES}}


@pytest.mark.parametrize("query,params", CORPUS_QUESTIONS,
                         ids=[f"{q}-{'-'.join(map(str, p.values())) or 'all'}"
                              for q, p in CORPUS_QUESTIONS])
def test_corpus_answers_agree_on_every_backend(corpus_backends, query, params):
    expected = run(query, corpus_backends["networkx"], **params)
    assert expected, "the corpus should answer this question"
    for engine in ENGINES:
        assert run(query, corpus_backends[engine], **params) == expected, engine


def test_portfolio_lists_every_matching_department_of_every_plan(corpus_backends):
    """An alias one plan carries does not hide the other plans' departments (Shanghai's
    市发展改革委 once disappeared behind a plan whose 区发展改革局 carried an exact alias)."""
    rows = run("portfolio", corpus_backends["networkx"], department="发展改革委")
    regions = {r["region"] for r in rows}
    assert {"上海市", "青羊区"} <= regions
    shanghai = [r for r in rows if r["plan"] == "shanghai-tandafeng-shishi-fangan"]
    assert {r["department"] for r in shanghai} == {"市发展改革委"} and len(shanghai) >= 40


def test_qingyang_acceptance(corpus_backends):
    nx_backend = corpus_backends["networkx"]
    rows = run("who-owns", nx_backend, text="交通运输结构", plan="qingyang-tandafeng-2024")
    assert [(r["measure"]["title"], r["lead"]) for r in rows] == [("构建绿色高效的交通运输结构", ["区住建交局"])]
    rows = run("portfolio", nx_backend, department="区执法局", plan="qingyang-tandafeng-2024")
    led = [r["measure"]["title"] for r in rows if r["role"] == "lead"]
    supported = [r["measure"]["title"] for r in rows if r["role"] == "support"]
    assert led == ["大力推进生活垃圾减量化资源化"]
    assert "构建绿色高效的交通运输结构" in supported and len(supported) >= 5
    aliased = run("portfolio", nx_backend, department="区发展改革委", plan="qingyang-tandafeng-2024")
    assert {r["department"] for r in aliased} == {"区发展改革局"}


def test_the_networkx_path_imports_no_parser_and_no_rdf(tmp_path):
    """Also run from another directory, so the checkout's folders cannot stand in for the package."""
    import subprocess
    import sys

    from policykg.graph.store import Store

    with Store.create(tmp_path) as store:
        store.put(sample_plans())
    script = (
        "import sys\n"
        "from policykg.graph.store import Store\n"
        "from policykg.queries import NetworkxBackend, run\n"
        f"graph = Store.open({str(tmp_path)!r}).load_graph()\n"
        "for q, p in [('who-owns', {'text': '交通'}), ('portfolio', {'department': '区执法局'}),\n"
        "             ('targets', {}), ('departments', {})]:\n"
        "    assert run(q, NetworkxBackend(graph), **p)\n"
        "print(' '.join(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    loaded = set(done.stdout.split())
    assert "networkx" in loaded
    # graph.lineage reads the citation-title rule (policykg.extractor.citations, plain regexes);
    # nothing that parses, validates or speaks RDF is loaded
    heavy = {"pydantic", "spacy", "jieba", "rdflib", "pyoxigraph", "policykg.extractor.api",
             "policykg.extractor.pipeline", "policykg.extractor.model"}
    assert not loaded & heavy
