"""The one unit table (extractor/data/units.jsonl) and the presentation of values
(extractor/presentation.py): conversions, IRIs, and how a change is signed in every output."""
from __future__ import annotations

import pytest

from policykg.extractor.presentation import markdown_table, number, plain_number, target_value
from policykg.extractor.units import UnitTableError, canonical, read_table, readable_units, unit_table


@pytest.mark.parametrize("value, unit, expected", [
    (2, "GW", (2000000.0, "千瓦")),
    (300, "MW", (300000.0, "千瓦")),
    (5, "兆瓦时", (5000.0, "千瓦时")),
    (3, "公顷", (45.0, "亩")),
    (1.5, "平方公里", (1500000.0, "平方米")),
    (3, "‰", (0.3, "%")),
    (2, "百分点", (2.0, "个百分点")),
    (7, "千瓦", (7.0, "千瓦")),
    (4, "公里/万人", (4.0, "公里/万人")),        # a composite the table lacks stays as printed
])
def test_values_convert_to_the_canonical_unit_of_their_dimension(value, unit, expected):
    assert canonical(value, unit) == expected


def test_each_line_knows_its_dimension_and_iri():
    table = unit_table()
    assert table["GW"].dimension == "power" and table["GW"].canonical == "千瓦"
    assert table["千瓦"].iri == "http://qudt.org/vocab/unit/KiloW"
    assert table["吨标准煤"].iri == "https://w3id.org/policykg/unit/TCE"
    assert table["吨二氧化碳"].iri is None                    # neither QUDT nor ours: minted later


def test_the_number_reader_takes_units_from_the_same_table():
    units = readable_units()
    assert "GW" in units and "个百分点" in units and "兆瓦时" in units
    assert "年" not in units and "" not in units            # years are dates, not quantities


@pytest.mark.parametrize("text, problem", [
    ('{"unit": "GW", "dimension": "power", "to": "千瓦", "factor": 1000000}', "not a canonical unit"),
    ('{"unit": "千瓦", "dimension": "power"}\n{"unit": "GW", "dimension": "area", "to": "千瓦", "factor": 1}',
     "different dimensions"),
    ('{"unit": "千瓦", "dimension": "power"}\n{"unit": "千瓦", "dimension": "power"}', "listed twice"),
    ('{"unit": "千瓦"}', "not a unit entry"),
])
def test_a_broken_table_says_which_line_and_why(text, problem):
    with pytest.raises(UnitTableError, match=problem):
        read_table(text, "mine.jsonl")


@pytest.mark.parametrize("args, expected", [
    ((13, "%", "ge", "decrease"), "≤−13%"),        # 下降13%以上: a fall of at least 13%
    ((13, "%", "le", "decrease"), "≥−13%"),        # 下降不超过13%: a fall of at most 13%
    ((14, "%", "eq", "decrease"), "−14%"),
    ((56, "%", "approx", "level"), "≈56%"),
    ((56, "%", "ge", "level"), "≥56%"),
    ((5, "%", "ge", "increase"), "≥+5%"),
    ((16000, "个", "ge", "level"), "≥16,000个"),
    ((13, "%", "range", "decrease", 15), "−15–−13%"),
    ((5, "%", "range", "increase", 8), "+5–+8%"),
])
def test_target_values_read_the_same_everywhere(args, expected):
    assert target_value(*args) == expected


def test_numbers_with_plan_multipliers():
    assert number(250000000, multipliers=True) == "2.5亿"
    assert number(16000, multipliers=True) == "1.6万"
    assert number(0.25) == "0.25" and number(-3) == "−3" and number(None) == ""


def test_table_and_csv_cells_write_numbers_one_way():
    """The CLI's table and CSV cells (policykg.output.cell) take numbers from presentation."""
    from policykg.output import cell

    assert plain_number(16000.0) == "16000" and plain_number(0.25) == "0.25"
    assert plain_number(2025) == "2025"   # a year is never grouped as 2,025
    assert cell([2025, 13.0, None]) == "2025、13、" and cell(True) == "True" and cell(None) == ""


def test_markdown_cells_cannot_break_the_table():
    assert markdown_table(["a"], [["x|y\nz"]]) == ["| a |", "|---|", "| x\\|y z |", ""]


def test_a_fall_of_at_least_13_percent_in_every_output(tmp_path):
    """下降13%以上 in a plan: the outline, the targets query (table) and the comparison all say ≤−13%."""
    from click.testing import CliRunner

    from policykg.cli import cli

    plan = tmp_path / "a.txt"
    plan.write_text("甲区碳达峰实施方案\n一、主要目标\n到2025年，单位地区生产总值能耗比2020年下降13%以上。\n"
                    "二、重点任务\n（一）推进节能\n1．推进节能改造。加快改造。（责任单位：区发展改革局）\n",
                    encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text(plan.read_text(encoding="utf-8").replace("甲区", "乙区").replace("13%", "14%"),
                     encoding="utf-8")
    runner = CliRunner()
    outline = runner.invoke(cli, ["parse", str(plan), "--format", "md"])
    assert outline.exit_code == 0, outline.output
    assert "单位地区生产总值能耗 ≤−13% (change vs 2020)" in outline.output
    store = tmp_path / "store"
    assert runner.invoke(cli, ["build", str(plan), "--store", str(store)]).exit_code == 0
    table = runner.invoke(cli, ["targets", "--store", str(store), "--format", "table"])
    assert table.exit_code == 0 and "≤−13%" in table.output, table.output
    md = runner.invoke(cli, ["compare", str(plan), str(other)])
    assert md.exit_code == 0, md.output
    assert "| ≤−13% | ≤−14% |" in md.output
    page = tmp_path / "c.html"
    assert runner.invoke(cli, ["compare", str(plan), str(other), "--format", "html", "-o", str(page)]).exit_code == 0
    assert "≤−13%" in page.read_text(encoding="utf-8")
