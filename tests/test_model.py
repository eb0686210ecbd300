import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from policykg.extractor.model import Plan, Section, Source, json_schema

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_committed_schema_matches_the_model():
    """Regenerate with: python -m policykg.extractor.model > docs/plan.schema.json"""
    assert json.loads((DOCS / "plan.schema.json").read_text(encoding="utf-8")) == json_schema()


def _plan(**kw):
    return dict(id="p", source=Source(sha256="x", chars=10), **kw)


def test_unknown_fields_are_rejected():
    with pytest.raises(ValidationError):
        Plan(**_plan(), extra_field=1)


def test_span_outside_source_is_rejected():
    with pytest.raises(ValidationError, match="outside"):
        Plan(**_plan(sections=[Section(id="s1", path="一", number="一", title="t", level=1, parent=None, span=(0, 11))]))


def test_dangling_parent_is_rejected():
    with pytest.raises(ValidationError, match="unknown parent"):
        Plan(**_plan(sections=[Section(id="s1.1", path="一/（一）", number="（一）", title="t", level=2, parent="s1",
                                       span=(0, 5))]))


def test_round_trip_through_json():
    plan = Plan(**_plan())
    assert Plan.from_dict(json.loads(plan.to_json())) == plan
