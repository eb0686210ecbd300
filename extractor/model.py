"""The typed plan model: the one contract between the extractor and everything downstream.

It mirrors ``policykg/plan@1`` (shared/spec/plan-json.md). Every fact item carries a
``[start, end)`` span into the decoded source text, so a reader can always go back to the words.
Validators check ids, references and spans, so a broken plan fails where it is made, not three
stages later in the graph.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .labels import Comparator, Direction, LeadBasis, Level, Role

SCHEMA = "policykg/plan@1"

Span = tuple[int, int]


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Source(_Item):
    path: str | None = None
    format: str = "txt"
    sha256: str
    chars: int
    encoding: str | None = None


class Metadata(_Item):
    title: str | None = None
    doc_number: str | None = None
    index_number: str | None = None
    issuer: str | None = None
    publisher: str | None = None
    written_date: str | None = None
    effective_date: str | None = None
    published_date: str | None = None
    region: str | None = None
    level: Level | None = None
    kind: str | None = None
    """What the document is: ``plan``, ``opinion``, ``rules``, ``notice``, ``call`` or ``other``
    (plan-json.md), read from its title; see ``extractor/data/document_kinds.json``."""


class Section(_Item):
    id: str
    path: str
    number: str
    title: str
    level: int
    parent: str | None
    span: Span
    kind: str = "other"
    """What the part is for: ``action`` (holds measures), ``objectives``, ``principles``,
    ``guarantees``, ``timeline`` (dated or staged steps), ``procedure`` (practical items of a
    notice) or ``other``; added field, see README."""


class Unit(_Item):
    name: str
    raw: str
    role: Role
    lead_basis: LeadBasis
    span: Span


class Measure(_Item):
    id: str
    section: str | None
    path: str
    number: str
    title: str
    text: str
    span: Span
    units: list[Unit] = Field(default_factory=list)


class Target(_Item):
    id: str
    measure: str | None
    section: str | None
    indicator: str
    value: float
    value_max: float | None = None
    unit: str
    comparator: Comparator
    direction: Direction
    year: int
    baseline_year: int | None = None
    modality: str | None = None
    text: str
    span: Span


class Goal(_Item):
    id: str
    measure: str | None
    section: str | None
    year: int | None
    text: str
    span: Span


class Citation(_Item):
    title: str | None
    doc_number: str | None = None
    span: Span


class Department(_Item):
    name: str
    aliases: list[str] = Field(default_factory=list)
    lead_of: list[str] = Field(default_factory=list)
    support_of: list[str] = Field(default_factory=list)


class Warning(_Item):
    code: str
    message: str
    span: Span | None = None


class Plan(_Item):
    """One parsed plan. ``to_dict()`` is exactly the JSON of ``policykg parse --format json``."""

    schema_: str = Field(default=SCHEMA, alias="schema")
    id: str
    source: Source
    metadata: Metadata = Field(default_factory=Metadata)
    sections: list[Section] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    departments: list[Department] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", use_enum_values=True, populate_by_name=True)

    @model_validator(mode="after")
    def _check_references(self) -> "Plan":
        if self.schema_ != SCHEMA:
            raise ValueError(f"unsupported schema {self.schema_!r}, expected {SCHEMA!r}")
        section_ids = [s.id for s in self.sections]
        measure_ids = [m.id for m in self.measures]
        for kind, ids in (("section", section_ids), ("measure", measure_ids),
                          ("target", [t.id for t in self.targets]),
                          ("goal", [g.id for g in self.goals])):
            if len(ids) != len(set(ids)):
                raise ValueError(f"duplicate {kind} ids")
        known_sections, known_measures = set(section_ids), set(measure_ids)
        for s in self.sections:
            if s.parent is not None and s.parent not in known_sections:
                raise ValueError(f"section {s.id} has unknown parent {s.parent}")
        for item in [*self.measures, *self.targets, *self.goals]:
            if item.section is not None and item.section not in known_sections:
                raise ValueError(f"{item.id} points to unknown section {item.section}")
        for item in [*self.targets, *self.goals]:
            if item.measure is not None and item.measure not in known_measures:
                raise ValueError(f"{item.id} points to unknown measure {item.measure}")
        limit = self.source.chars
        for span in self._spans():
            if not (0 <= span[0] <= span[1] <= limit):
                raise ValueError(f"span {span} outside the source text of {limit} chars")
        return self

    def _spans(self):
        for group in (self.sections, self.measures, self.targets, self.goals, self.citations):
            for item in group:
                yield item.span
        for m in self.measures:
            for u in m.units:
                yield u.span
        for w in self.warnings:
            if w.span is not None:
                yield w.span

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Plan":
        return cls.model_validate(data)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``policykg/plan@1`` (committed as docs/plan.schema.json)."""
    return Plan.model_json_schema(by_alias=True)


if __name__ == "__main__":  # python -m policykg.extractor.model > docs/plan.schema.json
    import json
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
