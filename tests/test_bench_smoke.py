"""The benchmark suite's machinery, on the smallest corpus plan and one run (a few seconds).

The suite itself is not part of the test run; this only checks that a stage produces a sane
figure, that a stage which cannot run is reported as skipped, and that the CLI rejects a stage
it does not know in one line.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks import parse_speed
from benchmarks.core import Figure, Settings, cost_figure, time_figure
from benchmarks.corpus import Context, Text
from benchmarks.run import Report, render_json, render_table, run_stage
from policykg.commands.bench import bench_cmd

TXT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "txt"


@pytest.fixture
def smallest() -> Text:
    path = min(TXT.glob("*.txt"), key=lambda p: p.stat().st_size)
    return Text(path.stem, path.read_text(encoding="utf-8"))


def test_parse_stage_measures_the_smallest_plan_against_jieba(smallest):
    ctx = Context(Settings(runs=1))
    ctx.texts = [smallest]
    figure, stricter = parse_speed.measure(ctx)
    assert figure.status == "ok" and figure.unit == "chars/s"
    assert figure.value > 0 and figure.baseline_value > 0
    # the ratio is a cost ratio: jieba's throughput over ours
    assert figure.ratio == pytest.approx(figure.baseline_value / figure.value)
    assert f"{len(smallest.text)} chars" in figure.note
    assert (figure.baseline, stricter.baseline) == ("jieba.lcut", "jieba.lcut(HMM=False)")
    assert figure.bar and not stricter.bar


def test_a_time_limit_is_judged_on_the_time_itself():
    """The web stage's bar is 200 ms a page load, whatever the baseline takes."""
    slow = time_figure("web", "plan page", 0.25, "stylesheet", 0.05, limit=0.2)
    assert (slow.bar, slow.met, slow.ratio) == ("<= 0.2 s", False, 5.0)
    assert time_figure("web", "plan page", 0.15, "stylesheet", 0.05, limit=0.2).met
    assert time_figure("graph", "x", 3.0, "networkx", 2.0, bar=1.6).bar == "ratio <= 1.6"


def test_cost_ratio_and_bar():
    figure = cost_figure("parse", "x", 1000, "chars/s", ours=2.0, baseline_name="jieba", theirs=1.0, bar=1.5)
    assert (figure.value, figure.baseline_value, figure.ratio, figure.met) == (500, 1000, 2.0, False)
    assert cost_figure("parse", "x", 10, "chars/s", 1.4, "jieba", 1.0, bar=1.5).met


def test_stage_without_a_server_is_skipped_with_the_reason(monkeypatch):
    monkeypatch.setenv("POLICYKG_BOLT_URI", "bolt://127.0.0.1:1")
    [figure] = run_stage("bolt", Context(Settings(runs=1)))
    assert figure.status == "skipped"
    assert "no Bolt server at bolt://127.0.0.1:1" in figure.note


def test_reports_render_skipped_stages_and_json():
    report = Report(machine="test machine", settings=Settings(runs=1), figures=[
        cost_figure("parse", "parse throughput", 300, "chars/s", 1.0, "jieba.lcut", 0.5, bar=1.5),
        Figure(stage="bolt", name="bolt", status="skipped", note="no Bolt server")])
    table = render_table(report)
    assert "2.00×" in table and "NOT met" in table and "skipped" in table and "no Bolt server" in table
    assert '"status": "skipped"' in render_json(report)


def test_unknown_stage_is_a_one_line_error():
    result = CliRunner().invoke(bench_cmd, ["--only", "nonsense"])
    assert result.exit_code == 2
    assert "unknown stage nonsense" in result.output
    assert "Traceback" not in result.output
