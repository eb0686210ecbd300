"""Excel output: ``policykg export --format xlsx``, ``policykg compare --format xlsx``, the web
app's target download, and ``policykg.frames``. Document text lands in cells as text: a cell
starting with ``=``, ``+``, ``-`` or ``@`` is a string cell, never a formula."""
from __future__ import annotations

import subprocess
import sys

import pytest
from openpyxl import load_workbook

import policykg
from policykg.extractor import parse_file
from policykg.graph.store import Store
from tests.conftest import TXT
from tests.web_server import HOSTILE_TEXT, build_store

SHEETS = ["plans", "sections", "measures", "units", "targets", "departments", "citations", "warnings"]


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile_plan.txt"
    path.write_text(HOSTILE_TEXT, encoding="utf-8")
    return parse_file(path)


@pytest.fixture(scope="module")
def store(tmp_path_factory, hostile_plan, qingyang_plan):
    return build_store(tmp_path_factory.mktemp("xlsx") / "store", [qingyang_plan, hostile_plan])


def policykg_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def workbook(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "facts.xlsx"
    done = policykg_cli("export", "--store", str(store), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"wrote {out} (xlsx: 2 plans, ") and done.stderr.endswith(" rows in 8 sheets)\n")
    return load_workbook(out)


def test_export_has_one_sheet_per_kind_of_fact(workbook):
    assert workbook.sheetnames == SHEETS
    units = workbook["units"]
    header = [c.value for c in units[1]]
    assert header == ["plan", "measure", "path", "rank", "name", "raw", "role", "lead_basis", "start", "end",
                      "origin"]
    rows = [[c.value for c in row] for row in units.iter_rows(min_row=2)]
    # measure 12 of Qingyang, its first unit, read from the plan: 区住建交局 at characters 7535–7540
    assert ["qingyang-tandafeng-2024", "m12", "三/（四）/12", 1, "区住建交局", "区住建交局", "lead", "first_listed",
            7535, 7540, None] in rows


def test_hostile_text_is_stored_as_text(workbook):
    expected = {("sections", "title"): '=HYPERLINK（"http：//evil.example"）<script>alert（3）</script>推进绿色发展',
                ("measures", "title"): '+SUM（1,2）"><img src=x onerror=alert（4）>建设低碳园区',
                ("units", "raw"): "@SUM(1)局",
                ("targets", "indicator"): "-2+3<b>可再生能源</b>比重"}
    for (sheet_name, column), text in expected.items():
        sheet = workbook[sheet_name]
        index = [c.value for c in sheet[1]].index(column)
        cells = [row[index] for row in sheet.iter_rows(min_row=2) if row[0].value == "hostile-plan"]
        hit = [c for c in cells if c.value == text]
        assert hit, (sheet_name, column, [c.value for c in cells])
        assert all(c.data_type == "s" for c in hit)


def test_chinese_headers(store, tmp_path):
    out = tmp_path / "zh.xlsx"
    assert policykg_cli("export", "--store", str(store), "--format", "xlsx", "--chinese", "-o", str(out),
                        "--plan", "qingyang-tandafeng-2024").returncode == 0
    book = load_workbook(out)
    assert book.sheetnames == ["方案", "章节", "措施", "责任单位", "目标", "部门", "引用", "提示"]
    assert [c.value for c in book["目标"][1]][:6] == ["方案编号", "目标编号", "措施编号", "路径", "指标", "数值"]
    assert book["目标"].max_row == 1 + 28   # the 28 dated targets of the Qingyang plan


def test_xlsx_needs_an_output_file(store):
    done = policykg_cli("export", "--store", str(store), "--format", "xlsx")
    assert (done.returncode, done.stderr) == (2, "Error: xlsx is a binary file: give it with -o FILE.xlsx\n")


def test_compare_xlsx_keeps_hostile_text_as_text(store, tmp_path):
    out = tmp_path / "compare.xlsx"
    done = policykg_cli("compare", "hostile-plan", "qingyang-tandafeng-2024", "--store", str(store),
                        "--format", "xlsx", "-o", str(out))
    assert done.returncode == 0, done.stderr
    book = load_workbook(out)
    assert book.sheetnames == ["目标对比", "国家行动覆盖", "部门负担", "共同引用"]
    cells = [c for row in book["部门负担"].iter_rows(min_row=2) for c in row if c.value == "@SUM（1）局"]
    assert cells and all(c.data_type == "s" for c in cells)
    targets = [[c.value for c in row] for row in book["目标对比"].iter_rows(min_row=2)]
    # Qingyang: 到2025年，单位地区生产总值能耗比2020年下降13%以上 (a decrease, so −13)
    assert ["单位地区生产总值能耗", "%", 2025, "decrease", 2020, "qingyang-tandafeng-2024", "青羊区",
            "青羊区碳达峰实施方案", -13, "ge"] in [row[:10] for row in targets]


def test_frames_from_a_store_and_from_plans(store, qingyang_plan):
    with Store.open(store) as opened:
        frames = policykg.frames(opened)
    assert list(frames) == SHEETS
    assert len(frames["measures"]) == 31 + 2 and len(frames["targets"]) == 28 + 2
    m12 = frames["measures"].set_index(["plan", "id"]).loc[("qingyang-tandafeng-2024", "m12")]
    assert (m12["title"], m12["lead"], m12["support"]) == ("构建绿色高效的交通运输结构", "区住建交局",
                                                          "区规划和自然资源局、区执法局、交警四分局")
    chinese = policykg.frames([qingyang_plan], chinese=True)
    assert list(chinese["targets"].columns[:3]) == ["方案编号", "目标编号", "措施编号"]
    assert len(chinese["plans"]) == 1


def test_every_2025_target_as_one_sheet(tmp_path, corpus_plans):
    """The web app's target download for 2025: one sheet, one row per target of 2025."""
    from tests.web_server import start_server, stop_server

    server = start_server(build_store(tmp_path / "store", corpus_plans))
    try:
        status, kind, body = server.get("/targets/download.xlsx", year="2025")
        expected = server.json("/api/targets", year="2025")
    finally:
        stop_server(server)
    assert status == 200 and kind.startswith("application/vnd.openxmlformats")
    out = tmp_path / "targets.xlsx"
    out.write_bytes(body)
    sheet = load_workbook(out)["targets"]
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(expected) > 100
    assert {r[header.index("target.year")] for r in rows} == {2025}
    assert ("qingyang-tandafeng-2024", "t1", "非化石能源消费比重", 56) in {
        (r[header.index("plan")], r[header.index("target.id")], r[header.index("target.indicator")],
         r[header.index("target.value")]) for r in rows}
