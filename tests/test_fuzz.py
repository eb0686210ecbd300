"""Generated plan-like documents full of hostile characters, through parse, a store and every
export (issue 12): nothing may raise but ``PlanInputError``, every span must point at its
words, and every export must complete and read back.

Hypothesis draws each document from the parts a plan is made of (headings of every level, unit
clauses, dated targets, deadlines, citations) with words mixed with characters that have broken
things before: quotes and backslashes (Cypher, Turtle), NUL and other controls (XML, CSV), U+FFFD,
private-use and non-characters (IRIs), bidi controls, markup (HTML, rich), formula starts (CSV,
Excel), and the escaped form of a surrogate. Real lone surrogates come in at a low rate: the
parser must refuse exactly those documents. The examples are drawn the same way on every run
(``derandomize``), their number is fixed and there is no deadline, so a run is repeatable and
takes the same work; a wider search is the same strategies with more examples.
"""
from __future__ import annotations

import bisect
import csv
import io
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.extractor import parse
from policykg.extractor.errors import PlanInputError
from policykg.extractor.normalize import normalize

HOSTILE = ["'", '"', "\\", "\\'", "\x00", "\x07", "\x1b[31m", "\ufffd", "\ue000", "\U000F0001", "\ufdd0",
           "\ufffe", "\\ud800", "\u202e", "\u200f", "\u2066", "<script>alert(1)</script>", "&amp;", "]]>",
           "[/red]", "[x]", "[link=http://e.example]", "=cmd|' /C calc'!A0", "+1", "@SUM(A1)", "-2",
           "{{x}}", "`", "$(id)", "\r", "\t", "\u3000", ";", "；", "|", "*/", "//", "\n"]
WORDS = ["推进", "节能", "改造", "光伏", "建设", "碳达峰", "绿色", "交通", "能源", "示范", "工业", "体系"]
UNITS = ["区发展改革局", "区住建局", "市生态环境局", "市委组织部", "各区人民政府", "国家发展改革委"]
CHINESE_NUMBERS = "一二三四五六七八九十"

word = st.one_of(st.sampled_from(WORDS), st.sampled_from(HOSTILE),
                 st.text(st.characters(exclude_categories=("Cs",)), max_size=2))
phrase = st.lists(word, min_size=1, max_size=5).map("".join)
unit = st.one_of(st.sampled_from(UNITS), phrase.map(lambda s: s + "局"))
units = st.lists(unit, min_size=1, max_size=4).map("、".join)
clause = st.one_of(
    units.map(lambda u: f"（责任单位：{u}）"),
    st.tuples(units, units).map(lambda p: f"（牵头单位：{p[0]}；配合单位：{p[1]}）"),
    units.map(lambda u: f"\n责任单位：{u}"),
    units.map(lambda u: f"（责任单位：{u}"))   # cut off
target = st.builds("到{}年，{}达到{}{}。".format, st.integers(2020, 2060), phrase,
                   st.one_of(st.integers(0, 10**6).map(str), st.sampled_from(["百分之五十", "两成", "3～5", "1.5万"])),
                   st.sampled_from(["%", "万千瓦", "吨", "个", "亿元", ""]))
sentence = st.one_of(phrase.map(lambda s: s + "。"), target,
                     phrase.map(lambda s: f"根据《{s}》（{s}〔2021〕3号）。"),
                     st.sampled_from(["完成时限：2025年底前", "完成时限：持续推进"]))
heading = st.one_of(
    st.tuples(st.sampled_from(CHINESE_NUMBERS), phrase).map(lambda p: f"{p[0]}、{p[1]}"),
    st.tuples(st.sampled_from(CHINESE_NUMBERS), phrase).map(lambda p: f"（{p[0]}）{p[1]}"),
    st.tuples(st.integers(1, 12), phrase).map(lambda p: f"{p[0]}．{p[1]}。"),
    st.tuples(st.integers(1, 12), phrase).map(lambda p: f"（{p[0]}）{p[1]}。"),
    st.sampled_from(["三、重点任务", "二、主要目标", "五、保障措施"]))
line = st.one_of(heading, st.tuples(heading, sentence, clause).map("".join), sentence,
                 st.lists(sentence, max_size=3).map("".join), clause, st.just(""))
document = st.tuples(st.sampled_from(["某区碳达峰实施方案\n", "关于印发《某市行动方案》的通知\n", ""]),
                     st.lists(line, max_size=14).map("\n".join)).map("".join)
hostile_document = st.one_of(
    document,
    st.tuples(document, st.integers(0, 10**6), st.sampled_from(["\ud800", "\udfff", "\udc80"]))
      .map(lambda d: d[0][:d[1] % (len(d[0]) + 1)] + d[2] + d[0][d[1] % (len(d[0]) + 1):]))

SURROGATE = re.compile("[\ud800-\udfff]")
_WHITE = re.compile(r"\s")
FUZZ = settings(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow],
                database=None)


def _parsed(text: str):
    """The plan, or None when the parser refuses the text, which it must do exactly when the
    text holds a lone surrogate."""
    try:
        plan = parse(text)
    except PlanInputError as refused:
        assert SURROGATE.search(text), refused
        return None
    assert not SURROGATE.search(text)
    return plan


def _views(text: str, norm, span: tuple[int, int]) -> tuple[str, str]:
    """The normalised characters a span covers, and the source characters behind them."""
    a, b = span
    assert 0 <= a <= b <= len(text)
    offsets = norm.offsets[:len(norm.text)]
    first, last = bisect.bisect_left(offsets, a), bisect.bisect_left(offsets, b)
    return norm.text[first:last], "".join(text[offsets[i]] for i in range(first, last))


def check_spans(plan, text: str) -> None:
    """Every fact's span holds its words: a unit's ``raw`` is what the span prints (white space
    aside, which a unit's name never keeps: ``=cmd|' /C calc'``), a target's,
    goal's and deadline's text what it reads once normalised, a heading's number and title are
    inside the span of its measure or section, a citation's title (if it has one, not only a
    文号) inside its span."""
    norm = normalize(text)
    for section in plan.sections:
        assert section.title in _views(text, norm, section.span)[0]
    for measure in plan.measures:
        words = _views(text, norm, measure.span)[0]
        assert measure.number in words[:len(measure.number) + 2] and measure.title in words
        for unit in measure.units:
            assert _WHITE.sub("", _views(text, norm, unit.span)[1]) == _WHITE.sub("", unit.raw)
        if measure.deadline:
            assert _views(text, norm, measure.deadline.span)[0] == measure.deadline.text
    for fact in [*plan.targets, *plan.goals]:
        assert _views(text, norm, fact.span)[0] == fact.text
    for citation in plan.citations:
        assert citation.title is None or citation.title in _views(text, norm, citation.span)[0]
    for warning in plan.warnings:
        if warning.span:
            _views(text, norm, warning.span)


@settings(FUZZ, max_examples=300)
@given(hostile_document)
def test_parse_keeps_every_span_on_its_words(text):
    plan = _parsed(text)
    if plan is not None:
        check_spans(plan, text)
        assert plan.to_json()


@settings(FUZZ, max_examples=30)
@given(st.lists(document, min_size=1, max_size=3))
def test_a_store_of_generated_plans_exports_in_every_format(texts):
    from policykg.graph.store import Store

    plans = [parse(text, plan_id=f"fuzz-{n}") for n, text in enumerate(texts)]
    with tempfile.TemporaryDirectory() as folder:
        with Store.create(folder) as store:
            store.put(plans)
        with Store.open(folder) as store:
            graph = store.load_graph()
            assert {p.id for p in store.plans()} == {p.id for p in plans}
        check_exports(graph, Path(folder), plans)


def check_exports(graph, folder: Path, plans) -> None:
    """Each export completes and reads back: RDF by rdflib, GraphML by networkx, the Cypher
    script by its literal syntax, neo4j-csv and CSV by the csv module, xlsx by openpyxl."""
    import networkx as nx
    from rdflib import Graph

    from policykg.graph.export import FORMATS

    for name, syntax in {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}.items():
        out = io.BytesIO()
        FORMATS[name].load().write(graph, out)
        assert len(Graph().parse(data=out.getvalue(), format=syntax)) > 0, name
    out = io.BytesIO()
    FORMATS["graphml"].load().write(graph, out)
    assert nx.read_graphml(io.BytesIO(out.getvalue())).number_of_nodes() == graph.number_of_nodes()
    out = io.BytesIO()
    FORMATS["cypher"].load().write(graph, out)
    check_cypher(out.getvalue().decode("utf-8"))
    written = FORMATS["neo4j-csv"].load().write(graph, folder / "csv")
    check_neo4j_csv(written, graph)
    check_csv(plans)
    check_xlsx(plans)


_LITERAL = re.compile(r"'(?:[^'\\\n\r]|\\.)*'")


def check_cypher(script: str) -> None:
    """Every statement's quotes close on its line and no statement spills over a line: once its
    string literals are taken out, a line holds no quote, backslash or semicolon but its last."""
    for statement in filter(None, script.split("\n")):
        if statement.startswith("//"):
            continue
        bare = _LITERAL.sub("''", statement)
        assert "\\" not in bare and bare.count("'") % 2 == 0, statement
        assert ";" not in bare[:-1] and bare.endswith(";"), statement


def check_neo4j_csv(written: list[Path], graph) -> None:
    nodes = 0
    for path in written:
        if path.suffix != ".csv":
            continue
        with open(path, encoding="utf-8", newline="") as f:
            header, *rows = list(csv.reader(f))
        assert all(len(row) == len(header) for row in rows), path.name
        nodes += len(rows) if path.name.startswith("nodes_") else 0
    assert nodes == graph.number_of_nodes()


def check_csv(plans) -> None:
    from policykg.output import render

    rows = [{"plan": p.id, "measure": m.title, "units": [u.name for u in m.units]} for p in plans for m in p.measures]
    out = io.StringIO()
    render(rows, "csv", out=out)
    header, *back = list(csv.reader(io.StringIO(out.getvalue())))
    assert len(back) == len(rows) and all(len(row) == len(header) for row in back)
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in back for cell in row)


def check_xlsx(plans) -> None:
    from openpyxl import load_workbook

    from policykg.extractor.serializers.tables import plan_tables
    from policykg.extractor.serializers.xlsx import write_workbook

    tables = plan_tables(plans)
    out = io.BytesIO()
    write_workbook([(t.name, t.headers(False), t.values()) for t in tables], out)
    book = load_workbook(io.BytesIO(out.getvalue()))
    assert [book[t.name].max_row - 1 for t in tables] == [len(t.rows) for t in tables]
