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
