"""Health signals and grades (extractor/health.py) and ``policykg check``, on small hand-written plans."""
import json

from click.testing import CliRunner

from policykg.cli import cli
from policykg.extractor import parse as parse_text
from policykg.extractor.health import assess
from tests.conftest import QINGYANG


def _codes(plan):
    return [w.code for w in plan.warnings]


# two clauses in the action part that stand in no measure (each in the lead paragraph of a part),
# one that does
UNATTACHED = ("某市节能降碳实施方案\n一、重点任务\n统筹推进节能工作。（责任单位：市财政局）\n"
              "（一）推进节能。正文。（责任单位：市发改委）\n二、深化改革\n统筹推进改革。（责任单位：市经信局）\n"
              "（一）推进改革。正文。\n")


def test_a_plan_whose_clauses_mostly_fail_to_attach_says_so_and_gets_d():
    plan = parse_text(UNATTACHED)
    assert _codes(plan).count("unit-unattached") == 2
    assert "units-mostly-unattached" in _codes(plan)
    health = assess(plan)
    assert health.grade == "D" and "units-mostly-unattached" in health.reasons


def test_clauses_under_guarantees_are_where_the_plan_put_them_not_missed_measures():
    plan = parse_text("某市节能降碳实施方案\n一、重点任务\n（一）推进节能。正文。（责任单位：市发改委）\n"
                      "二、保障措施\n（一）加强领导。正文。（责任单位：市财政局）\n三、进度安排\n"
                      "（一）实施阶段。正文。（责任单位：市经信局）\n")
    assert [m.title for m in plan.measures] == ["推进节能"]
    outside = [w.message for w in plan.warnings if w.code == "unit-outside-action"]
    assert outside == ["unit clause in a guarantees part, which holds no measures: （责任单位：市财政局）",
                       "unit clause in a timeline part, which holds no measures: （责任单位：市经信局）"]
    assert "unit-unattached" not in _codes(plan) and "units-mostly-unattached" not in _codes(plan)
    assert (assess(plan).grade, assess(plan).reasons) == ("B", ["unit-outside-action ×2"])


def test_clean_plan_gets_a(qingyang_plan):
    health = assess(qingyang_plan)
    assert (health.grade, health.reasons, health.kind) == ("A", [], "plan")
    assert health.counts["measures"] == 31


def test_measure_without_units_among_measures_with_units():
    plan = parse_text("一、重点任务\n（一）甲。正文。（责任单位：市发改委）\n（二）乙。正文。（责任单位：市财政局）\n"
                      "（三）丙。正文。（责任单位：市经信局）\n（四）丁。正文。\n")
    (w,) = [w for w in plan.warnings if w.code == "measure-without-units"]
    assert "一/（四）" in w.message
    assert assess(plan).grade == "C"    # one measure in four (over a fifth) lacks units


def test_numbers_out_of_order_and_procedural_titles():
    plan = parse_text("一、重点任务\n（一）甲。正文。\n（三）乙。正文。\n（二）丙。正文。\n（四）2022年底前。正文。\n")
    messages = [w.message for w in plan.warnings if w.code == "numbering-out-of-order"]
    assert messages == ["item （二） follows item （三） under the same heading"]
    assert [w.code for w in plan.warnings if w.code == "measure-procedural"] == ["measure-procedural"]
    assert assess(plan).grade == "C"


def test_a_task_named_after_an_assurance_topic_is_not_procedural():
    # the tree keeps 做好评估考核 as one task among tasks; only a step of a timeline is flagged
    plan = parse_text("某市实施方案\n一、重点任务\n（一）推进协同管控。正文。\n（二）做好评估考核。正文。\n"
                      "（三）推进试点。正文。\n")
    assert [m.title for m in plan.measures] == ["推进协同管控", "做好评估考核", "推进试点"]
    assert "measure-procedural" not in _codes(plan)
    assert assess(plan).grade == "A"


def test_many_units_on_one_measure():
    many = "、".join(f"市{c}局" for c in "甲乙丙丁戊己庚辛壬癸子丑寅")
    plan = parse_text("一、任务\n（一）甲。正文。（责任单位：市发改委）\n（二）乙。正文。（责任单位：市财政局）\n"
                      f"（三）丙。正文。（责任单位：{many}）\n")
    assert [w.message[:9] for w in plan.warnings if w.code == "measure-many-units"] == ["一/（三） has"]


def test_call_for_proposals_is_recognised_with_a_warning():
    plan = parse_text("关于组织申报2022年度科技专项项目的通知\n各有关单位：\n一、支持方向\n（一）低碳技术。正文。\n"
                      "二、申报要求\n（一）申报条件。正文。\n")
    assert plan.metadata.kind == "call"
    assert "document-kind" in _codes(plan) and assess(plan).grade == "C"
    # the directions it funds are not measures: a call has none, and that is not a parse failure
    assert plan.measures == [] and "no-measures" not in _codes(plan)
    assert [s.title for s in plan.sections] == ["支持方向", "低碳技术", "申报要求", "申报条件"]


def test_check_command_table_and_json(tmp_path):
    bad = tmp_path / "unattached.txt"
    bad.write_text(UNATTACHED, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(QINGYANG), str(bad), "--format", "json", "--workers", "1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(f["file"].rsplit("/", 1)[-1], f["grade"]) for f in data["files"]] == [
        ("qingyang_tandafeng_2024.txt", "A"), ("unattached.txt", "D")]
    assert data["sum"]["grades"] == {"A": 1, "B": 0, "C": 0, "D": 1}
    table = CliRunner().invoke(cli, ["check", str(bad), "--workers", "1"])
    assert "units-mostly-unattached" in table.stdout and "1 checked: A 0, B 0, C 0, D 1" in table.stdout


def test_check_missing_path_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "none.txt")])
    assert result.exit_code == 2 and "none.txt" in result.output and "Traceback" not in result.output


def test_build_says_how_many_plans_are_below_grade_b(tmp_path):
    bad = tmp_path / "unattached.txt"
    bad.write_text(UNATTACHED, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(bad), str(QINGYANG), "--store", str(tmp_path / "s"),
                                      "--workers", "1"])
    assert result.exit_code == 0 and "1 of 2 plans below grade B" in result.stdout
