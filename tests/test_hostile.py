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
