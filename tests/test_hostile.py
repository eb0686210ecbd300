"""Hostile documents and inputs (issue 12, findings 3–12): each test reproduces a finding."""
from __future__ import annotations

from policykg.extractor.readers.assemble import TextBuilder


def test_control_characters_never_reach_the_text():
    """A NUL in a PDF table cell once reached the store, the RDF/XML export and FalkorDB."""
    builder = TextBuilder()
    builder.add_table([["指标\x00", "2025年"], ["比重", "25%\x07"]])
    builder.add_paragraph("正文\x00内容\x1b[31m")
    assert "\x00" not in builder.text() and "\x1b" not in builder.text()
    assert builder.text().splitlines()[-1] == "正文内容[31m"
    assert builder.tables[0].rows[0][0] == "指标"


def test_csv_cells_that_start_like_formulas_are_quoted():
    import contextlib
    import io

    from policykg.output import render

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        render([{"name": "=cmd|' /C calc'!A0", "other": "+1", "at": "@SUM(A1)", "plain": "区发展改革局", "n": -3}],
               "csv")
    assert out.getvalue().splitlines()[1] == "'=cmd|' /C calc'!A0,'+1,'@SUM(A1),区发展改革局,-3"


def test_table_output_reads_no_markup_and_no_escape_sequences():
    import contextlib
    import io

    from policykg.output import render

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        render([{"title": "措施[/red] [x] [link=http://e.example]点我[/link]\x1b[31m红"}], "table")
    shown = out.getvalue()
    assert "措施[/red] [x] [link=http://e.example]点我[/link][31m红" in shown
    assert "\x1b" not in shown


def test_raw_cypher_check_covers_carriage_returns_and_admin_clauses():
    import pytest

    from policykg.queries.cypher import WriteRefused, check_read_only

    for query in ["MATCH (n) RETURN n // comment\rCREATE (:Pwn)", "INSERT (:Pwn)", "GRANT ROLE x TO y",
                  "DENY READ ON GRAPH * TO r", "REVOKE ROLE x FROM y", "ALTER USER x SET PASSWORD 'p'",
                  "STOP DATABASE neo4j", "TERMINATE TRANSACTIONS 'x'"]:
        with pytest.raises(WriteRefused):
            check_read_only(query)
    check_read_only("MATCH (n) RETURN n // CREATE in a comment\nLIMIT 1")


def test_cypher_script_literals_escape_control_characters():
    from policykg.graph.export.cypher import literal

    assert literal("a\x00b\x1b\x7f'") == "'a\\u0000b\\u001b\\u007f\\''"


def test_sparql_refuses_federated_queries():
    import pytest

    from policykg.graph.sparql import SparqlError, refuse_remote

    for query in ["SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
                  "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", "LOAD <http://example.org/x>"]:
        with pytest.raises(SparqlError, match="refused"):
            refuse_remote(query)
    refuse_remote('SELECT ?s WHERE { ?s <http://example.org/SERVICE> "FROM" } # SERVICE')


def _odd_plan_graph():
    """The sample plans, one citation title holding U+FFFD, a private-use character and a
    non-character, one measure title holding a NUL, a vertical tab and U+FFFE."""
    from policykg.extractor.model import Plan
    from policykg.graph.build import build_graph

    from .graph_samples import alpha, beta

    odd = alpha().to_dict()
    odd["citations"][0]["title"] = "碳达峰\ufffd\ue000\ufdd0方案"
    odd["measures"][0]["title"] = "推进\x00光伏\x0b发电\ufffe"
    return build_graph([Plan.from_dict(odd), beta()])


def test_iri_segments_encode_what_an_iri_cannot_hold():
    from policykg.graph.schema import document_node, segment

    assert segment("区发展改革局") == "区发展改革局"
    assert document_node("碳达峰\ufffd\ue000\ufdd0方案", None) == "document/碳达峰%EF%BF%BD%EE%80%80%EF%B7%90方案"
    assert segment("a\x85b\U000F0001\U0002FFFE😀") == "a%C2%85b%F3%B0%80%81%F0%AF%BF%BE😀"


def test_every_export_holds_odd_characters():
    """Turtle once raised "Invalid IRI code point" and left an empty file; RDF/XML came out
    ill-formed and GraphML raised."""
    import io

    import networkx as nx
    from rdflib import Graph, Literal, URIRef

    from policykg.graph.export import FORMATS
    from policykg.graph.schema import DEFAULT_BASE

    graph = _odd_plan_graph()
    cited = URIRef(DEFAULT_BASE + "document/碳达峰%EF%BF%BD%EE%80%80%EF%B7%90方案")
    for name, syntax in {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}.items():
        out = io.BytesIO()
        FORMATS[name].load().write(graph, out)
        rdf = Graph().parse(data=out.getvalue(), format=syntax)
        assert (None, None, cited) in rdf, name
        titles = {str(o) for o in rdf.objects() 
                  if isinstance(o, Literal) and str(o).startswith("推进") and "。" not in o}
        assert titles == ({"推进光伏发电"} if name == "xml" else {"推进\x00光伏\x0b发电\ufffe"}), name
    out = io.BytesIO()
    FORMATS["graphml"].load().write(graph, out)
    back = nx.read_graphml(io.BytesIO(out.getvalue()))
    assert back.nodes["plan/alpha-2024/measure/m1"]["title"] == "推进光伏发电"
    assert "document/碳达峰%EF%BF%BD%EE%80%80%EF%B7%90方案" in back


def test_a_failed_export_leaves_the_old_file(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from policykg.cli import cli
    from policykg.graph.export.ttl import TurtleExporter

    from .conftest import QINGYANG

    store, output = tmp_path / "store", tmp_path / "out" / "graph.ttl"
    output.parent.mkdir()
    output.write_text("the old export\n")
    assert CliRunner().invoke(cli, ["build", str(QINGYANG), "--store", str(store), "--workers", "1"]).exit_code == 0

    def half_then_full_disk(self, graph, out):
        out.write(b"@prefix half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(TurtleExporter, "write", half_then_full_disk)
    result = CliRunner().invoke(cli, ["export", "--store", str(store), "-o", str(output)])
    assert result.exit_code != 0
    assert result.output.strip() == f"Error: {output}: No space left on device"
    assert output.read_text() == "the old export\n"
    assert [p.name for p in output.parent.iterdir()] == ["graph.ttl"]


def test_folder_walks_stay_inside_the_folder_and_read_regular_files(tmp_path):
    """``a.txt -> /etc/passwd`` inside a folder was once parsed into a store."""
    import os

    from policykg.extractor.batch import collect

    outside, folder = tmp_path / "outside", tmp_path / "plans"
    outside.mkdir()
    (outside / "secret.txt").write_text("三、重点任务\n")
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "plan.txt").write_text("三、重点任务\n")
    (folder / "out.txt").symlink_to(outside / "secret.txt")
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    (folder / "in.txt").symlink_to(folder / "sub" / "plan.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    os.mkfifo(folder / "pipe.txt")
    assert collect([folder]) == [folder / "in.txt"]


def test_a_fifo_argument_is_refused_in_one_line(tmp_path):
    import os
    import subprocess
    import sys

    fifo = tmp_path / "plan.txt"
    os.mkfifo(fifo)
    result = subprocess.run([sys.executable, "-m", "policykg", "parse", str(fifo)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"Error: {fifo}: not a regular file (a FIFO, socket or device)"]


_HTML_PLAN = ("关于印发<b>碳达峰</b>方案的通知\n根据《<svg/onload=alert(0)>方案》。\n三、重点任务\n（一）测试<svg/onload=alert(1)>行动\n"
              "1．推进<img src=x onerror=alert(2)>措施。\n责任单位：区发展改革局<svg/onload=alert(3)>、区住建局\x1b[31m\n")


def test_the_plan_outline_shows_html_as_text():
    """A department name holding ``<svg/onload=…>`` once ran when the Markdown was rendered."""
    from policykg.extractor import parse
    from policykg.extractor.serializers.markdown import plan_to_markdown

    outline = plan_to_markdown(parse(_HTML_PLAN))
    assert "<" not in outline and "\x1b" not in outline
    assert "### （一） 测试&lt;svg/onload=alert（1）&gt;行动" in outline.splitlines()
    assert ("- **1. 推进&lt;img src=x onerror=alert（2）&gt;措施** — 牵头 区发展改革局&lt;svg/onload=alert（3）&gt;；"
            "配合 区住建局[31m") in outline.splitlines()


def test_the_comparison_markdown_shows_html_as_text():
    from policykg.extractor import parse
    from policykg.queries.compare import compare
    from policykg.queries.compare_formats.markdown import render
    from policykg.queries.national_actions import ActionClassifier

    report = render(compare([parse(_HTML_PLAN, plan_id="a"), parse(_HTML_PLAN.replace("区住建局", "区财政局"), plan_id="b")],
                            ActionClassifier()))
    assert "<" not in report and "\x1b" not in report
    assert "&lt;svg/onload=alert（3）&gt;" in report


def test_validate_refuses_entity_declarations(tmp_path):
    """A 1 KB billion-laughs RDF/XML file once kept ``validate`` busy past 100 s."""
    from click.testing import CliRunner

    from policykg.cli import cli

    lols = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY lol0 "lol">{lols}]>\n'
                    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                    'xmlns:ex="http://example.org/">'
                    '<rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p>'
                    '</rdf:Description></rdf:RDF>\n')
    result = CliRunner().invoke(cli, ["validate", str(bomb)])
    assert result.exit_code == 2
    assert result.output.strip() == (f"Error: {bomb}: declares XML entities (<!ENTITY …>), refused: "
                                     "expanding them can take any amount of memory and time")


def test_a_docx_that_inflates_past_the_cap_is_refused(tmp_path):
    """A 1.5 MB DOCX zip bomb once took 3.1 GB of memory."""
    import os
    import subprocess
    import sys
    import zipfile

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", " " * (3 << 20))

    def parse(cap: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "policykg", "parse", str(bomb)], capture_output=True,
                              text=True, env={**os.environ, "POLICYKG_MAX_INFLATED_MB": cap})

    result = parse("2")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: {bomb}: DOCX expands to 3 MB, over the 2 MB cap (POLICYKG_MAX_INFLATED_MB raises it)"]
    result = parse("lots")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: {bomb}: POLICYKG_MAX_INFLATED_MB='lots' is not a positive number of megabytes"]
