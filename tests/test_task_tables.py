"""Task tables (序号 / 重点任务 / 牵头单位 / 责任单位 / 完成时限) read as measures with their units and
deadline, from a hand-made ruled PDF."""
from __future__ import annotations

from policykg.extractor import parse_file
from policykg.extractor.readers import read_document

from .pdf_samples import write_pdf

HEADER = ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"]
COLUMNS = [85, 120, 260, 340, 450, 520]
TOPS = [748, 722, 692, 662, 632]      # row lines: header, three tasks


def _task_pdf(path):
    """Tasks 1 and 2 share one merged 牵头单位 cell and one merged 完成时限 cell; task 3 has its own."""
    cells = {0: HEADER,
             1: ["1", "推进工业节能改造", "市经信局", "市发展改革委", "2025年底前"],
             2: ["2", "推广工业余热利用", None, "市生态环境局", None],
             3: ["3", "推广新能源汽车", "市交通局", "市公安局", "2024年6月"]}
    items = [("text", 200, 780, 16, "重点任务分工")]
    for row, texts in cells.items():
        y = TOPS[row] - 18
        items += [("text", COLUMNS[i] + 4, y, 10, t) for i, t in enumerate(texts) if t]
    items += [("rule", x, TOPS[-1], x, TOPS[0]) for x in COLUMNS]
    for row, y in enumerate(TOPS):
        for i in range(5):
            merged = row == 2 and i in (2, 4)   # no line between tasks 1 and 2 in those columns
            if not merged:
                items.append(("rule", COLUMNS[i], y, COLUMNS[i + 1], y))
    write_pdf(path, [items])
    return path


def test_a_merged_owner_cell_is_repeated_on_each_row_it_spans(tmp_path):
    document = read_document(_task_pdf(tmp_path / "tasks.pdf"))
    rows = document.tables[0].rows
    assert rows[1][2] == rows[2][2] == "市经信局"
    assert rows[1][4] == rows[2][4] == "2025年底前"
    assert rows[2][0] == "2" and rows[3][2] == "市交通局"


def test_task_rows_become_measures_with_units_and_deadline(tmp_path):
    plan = parse_file(_task_pdf(tmp_path / "tasks.pdf"))
    got = [(m.number, m.title, [(u.name, u.role) for u in m.units], m.deadline and m.deadline.text,
            m.deadline and m.deadline.date) for m in plan.measures]
    assert got == [
        ("1", "推进工业节能改造", [("市经信局", "lead"), ("市发展改革委", "support")], "2025年底前", "2025-12-31"),
        ("2", "推广工业余热利用", [("市经信局", "lead"), ("市生态环境局", "support")], "2025年底前", "2025-12-31"),
        ("3", "推广新能源汽车", [("市交通局", "lead"), ("市公安局", "support")], "2024年6月", "2024-06-30"),
    ]
