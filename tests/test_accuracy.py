"""Accuracy against the hand-written gold files, through ``policykg evaluate`` with floors.

Dev gold (tests/gold/) is what the rules were developed against; held-out gold
(tests/gold/heldout/) was written by annotators the developers did not consult and was not
looked at while writing the rules, so its figures are the honest estimate for unseen plans.
"""
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import cli
from tests.conftest import PDF, TXT

GOLD = Path(__file__).parent / "gold"


def _evaluate(folder: Path, *floors: str):
    result = CliRunner().invoke(cli, ["evaluate", str(folder), "--corpus", str(TXT), "--corpus", str(PDF),
                                       "--format", "json", *floors])
    return result, json.loads(result.output[: result.output.rindex("}") + 1])


def test_dev_gold_meets_floors():
    result, scores = _evaluate(GOLD, "--min-measures", "0.98", "--min-units", "0.98", "--min-leads", "0.98",
                               "--min-targets", "0.85")
    assert result.exit_code == 0, scores["overall"]


def test_heldout_gold_meets_floors():
    result, scores = _evaluate(GOLD / "heldout", "--min-measures", "0.95", "--min-units", "0.95",
                               "--min-leads", "0.95", "--min-targets", "0.9")
    assert result.exit_code == 0, scores["overall"]


def test_qingyang_acceptance(qingyang_plan):
    """Issue 2: all 31 measures, every unit with the right lead, ≥95% of targets right."""
    gold = json.loads((GOLD / "qingyang_tandafeng_2024.gold.json").read_text(encoding="utf-8"))
    from policykg.extractor.evaluate import score_plan
    s = score_plan(qingyang_plan, gold).scores
    assert s["measures"].tp == 31 and s["measures"].fp == 0
    assert s["units"].f1 == 1.0 and s["leads"].f1 == 1.0
    assert s["targets"].recall >= 0.95


def test_floor_failure_exits_nonzero():
    result, _ = _evaluate(GOLD, "--min-measures", "1.01")
    assert result.exit_code == 1


@pytest.mark.parametrize("content, problem", [("not json", "not a JSON"), ('{"schema": "x"}', "gold@1")])
def test_bad_gold_file_is_one_line_error(tmp_path, content, problem):
    bad = tmp_path / "bad.gold.json"
    bad.write_text(content, encoding="utf-8")
    from policykg.extractor.errors import PlanInputError
    from policykg.extractor.evaluate import load_gold
    with pytest.raises(PlanInputError, match=problem):
        load_gold(bad)
