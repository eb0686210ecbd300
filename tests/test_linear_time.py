"""Hostile documents: every family of input that once made a pattern or a loop super-linear is
parsed at two sizes, and the CPU time must grow like the size (issue 12, finding 2).

Each check times size n and 4n (best of three, CPU time of this process) and asserts the ratio is
below 8: linear growth gives about 4, quadratic 16, cubic 64. No wall-clock bar is set.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

import pytest

from policykg.extractor.api import parse_text
from policykg.extractor.unit_clauses import find_clauses

HEAD = "三、重点任务\n（一）测试行动\n"
RATIO_BAR = 8.0


def _cpu(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def _growth(make: Callable[[int], Callable[[], object]], n: int) -> float:
    small, large = make(n), make(4 * n)
    small()                       # warm caches (pipeline, compiled patterns) before timing
    return _cpu(large) / max(_cpu(small), 1e-4)


FAMILIES: dict[str, Callable[[int], str]] = {
    # _NOTE: white space inside a unit clause (was cubic)
    "spaces in a unit clause": lambda n: HEAD + "1．测试措施。\n责任单位：区发展改革局A" + " " * n + "B\n",
    "em spaces in a unit clause": lambda n: HEAD + "1．测试措施。\n责任单位：区发展改革局A" + "\u2003" * n + "B\n",
    # _IN_SENTENCE: a 由…局、由…局 chain without 牵头/负责 (was quadratic)
    "由 chain": lambda n: HEAD + "1．测试措施。" + "由甲乙局、" * (n // 5) + "\n",
    # the number pattern: a run of numerals without a unit (was quadratic)
    "numeral run": lambda n: HEAD + "1．到2025年，达到" + "一" * n + "\n",
    "digit run": lambda n: HEAD + "1．到2025年，达到" + "1" * n + "\n",
    # _DUTY: brackets that never close
    "open brackets": lambda n: HEAD + "1．措施" + "（甲乙局" * (n // 4) + "\n",
    # _LINE_CLAUSE: blank lines before a label
    "blank lines": lambda n: HEAD + "1．措施\n" + "\n" * n + "责任单位：区发展改革局\n",
    # many one-line measures, each with a clause and a target
    "one-line measures": lambda n: HEAD + "1．措施，到2025年达到25%（责任单位：区发展改革局）\n" * (n // 30),
}


@pytest.mark.parametrize("family", FAMILIES)
def test_parse_time_grows_linearly(family):
    make = FAMILIES[family]
    ratio = _growth(lambda n: (lambda: parse_text(make(n))), 4000)
    assert ratio < RATIO_BAR, f"{family}: 4x the input took {ratio:.1f}x the time"


def test_the_hostile_inputs_still_read_right():
    plan = parse_text(FAMILIES["spaces in a unit clause"](50))
    assert [u.name for m in plan.measures for u in m.units] == ["区发展改革局A" + "B"]
    plan = parse_text(HEAD + "1．措施。\n责任单位：区发展改革局、区财政局，逗号前为牵头单位，下同   \n")
    assert [(u.name, u.role) for u in plan.measures[0].units] == [("区发展改革局", "lead"), ("区财政局", "lead")]
    (clause,) = find_clauses("推进工作，由区发展改革局、区财政局牵头组织实施。", 0, 23)
    assert [u.raw for u in clause.units] == ["区发展改革局", "区财政局"]


def test_assembly_is_linear_in_measures():
    """``_strip_ranges`` and ``_departments`` once scanned every clause / every measure id per measure."""
    from policykg.extractor.api import _departments, _strip_ranges
    from policykg.extractor.model import Measure, Unit

    def measures(n):
        unit = Unit(name="区发展改革局", raw="区发展改革局", role="lead", lead_basis="first_listed", span=(0, 1))
        ms = [Measure(id=f"m{i}", section=None, path=str(i), number="1", title="t", text="", span=(0, 1),
                      units=[unit]) for i in range(n)]
        return lambda: _departments(ms)

    assert _growth(measures, 5000) < RATIO_BAR

    def strip(n):
        text = "措施（责任单位：甲）\n" * n
        ranges = [(i * 11 + 2, i * 11 + 10) for i in range(n)]
        return lambda: [_strip_ranges(text, i * 11, i * 11 + 11, ranges) for i in range(n)]

    assert _growth(strip, 5000) < RATIO_BAR


@pytest.mark.parametrize("open_tag,close_tag", [("<div>", "</div>"), ("<table><tr><td>", "</td></tr></table>"),
                                                ("<span>", "</span>"), ("<ul><li>", "</li></ul>")])
def test_deep_html_is_read_in_linear_time(tmp_path: Path, open_tag, close_tag):
    from policykg.extractor.readers.html import read_html

    def page(n):
        path = tmp_path / f"deep{n}.html"
        path.write_text("<html><body>" + open_tag * n + "三、重点任务。" + close_tag * n + "</body></html>",
                        encoding="utf-8")
        return lambda: read_html(path)

    ratio = _growth(page, 400)
    assert ratio < RATIO_BAR
    assert "三、重点任务。" in read_html(tmp_path / "deep1600.html").text


def test_text_after_the_last_br_under_body_is_kept(tmp_path: Path):
    from policykg.extractor.readers.html import read_html

    path = tmp_path / "br.html"
    path.write_text("<html><body>三、重点任务<br>（一）行动<br>1．最后一行措施。</body></html>", encoding="utf-8")
    assert read_html(path).text.split("\n")[-1].strip() == "1．最后一行措施。"
