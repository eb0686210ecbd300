"""The typed plan model: the one contract between the extractor and everything downstream.

It mirrors ``policykg/plan@1`` (shared/spec/plan-json.md). Every fact item carries a
``[start, end)`` span into the decoded source text, so a reader can always go back to the words.
Validators check ids, references and spans, so a broken plan fails where it is made, not three
stages later in the graph.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .labels import Comparator, Direction, LeadBasis, Level, Rate, Role, SectionKind, SourceFormat
from .warnings import WarningCode

SCHEMA = "policykg/plan@1"

Span = tuple[int, int]

Origin = Annotated[Literal["ocr"] | None, Field(
    description='"ocr" when some of the words the span covers were read by OCR (a picture of '
                'text in a PDF; Source.ocr), so the fact is to be checked by eye; null when all '
                'come from the text itself. Added field.')]


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class Source(_Item):
    path: str | None = None
    format: SourceFormat = SourceFormat.TXT
    sha256: str
    chars: int
    encoding: str | None = None
    paths: list[str] = Field(default_factory=list)
    """Every file this document was read from (absolute, ``path``'s first), when a store met it
    under several names (``graph.identity``); empty otherwise."""
    ocr: list[Span] = Field(default_factory=list)
    """The character ranges of the text that were read by OCR, sorted and apart (added field).
    ``from_ocr`` is the one test of a span against them: every fact's ``origin`` comes from it."""

    def from_ocr(self, span: Span) -> bool:
        """Whether any character of ``span`` was read by OCR (an empty span: the character at
        its start)."""
        start, end = span[0], max(span[1], span[0] + 1)
        last = bisect_left(self.ocr, (end,)) - 1   # the last range that starts before ``end``
        return last >= 0 and self.ocr[last][1] > start

    @model_validator(mode="after")
    def _check_ocr(self) -> "Source":
        """``from_ocr`` bisects, so the ranges must be in order and must not overlap."""
        if any(a[0] > a[1] or a[1] > b[0] for a, b in zip(self.ocr, self.ocr[1:])):
            raise ValueError("source.ocr ranges must be sorted and apart")
        return self


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
    ocr_fields: list[str] = Field(default_factory=list)
    """The fields above whose words were read by OCR (``Source.from_ocr`` of where each was
    found): a letterhead or title that was a picture. Added field."""


class Section(_Item):
    id: str
    path: str
    number: str
    title: str
    level: int
    parent: str | None
    span: Span
    kind: SectionKind = SectionKind.OTHER
    """What the part is for: ``action`` (holds measures), ``objectives``, ``principles``,
    ``guarantees``, ``timeline`` (dated or staged steps), ``procedure`` (practical items of a
    notice) or ``other``; added field, see README."""


class Unit(_Item):
    name: str
    raw: str
    role: Role
    lead_basis: LeadBasis
    span: Span
    origin: Origin = None


class Deadline(_Item):
    """A measure's 完成时限 / 完成期限 / 时间节点 as printed, with the date it falls on.

    ``date`` is the last day the words allow (``2022年底前`` → 2022-12-31, ``2021年四季度`` →
    2021-12-31), ISO 8601; null where the words name no date (``长期坚持``, ``持续推进``), so a
    reader sorting by date sees which deadlines are open-ended rather than losing them.
    """
    text: str
    date: str | None = None
    span: Span
    origin: Origin = None


class Measure(_Item):
    id: str
    section: str | None
    path: str
    number: str
    title: str
    text: str
    span: Span
    origin: Origin = None
    units: list[Unit] = Field(default_factory=list)
    deadline: Deadline | None = None
    """Added field (plan-json.md): when the plan says the measure is to be done."""


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
    rate: Rate | None = None
    """Added field: ``annual`` when the value is a rate per year (``年均增长15%``), so an annual
    growth of 15% is not read as a growth of 15% over the whole period."""
    text: str
    span: Span
    origin: Origin = None
    indicator_name: str | None = None
    """The canonical indicator (``extractor/data/indicators.jsonl``); added field."""
    canonical_value: float | None = None
    canonical_value_max: float | None = None
    canonical_unit: str | None = None
    """The value(s) in the canonical unit of the unit's dimension (``extractor/data/units.jsonl``:
    2 GW is 2000000 千瓦); a unit the table lacks is its own canonical unit. Added fields."""

    @model_validator(mode="after")
    def _normalise(self) -> "Target":
        """Set the canonical fields here, in one place, so every reader of a plan (the graph, RDF,
        queries, comparison) finds them and none converts again; they follow from the printed
        fields, so a plan read back (or edited) gets them afresh."""
        from .indicators import default_index
        from .units import canonical

        # functions of the printed fields, so recomputed whenever a target is made or read back
        self.indicator_name = default_index().canonical(self.indicator).name
        self.canonical_value, self.canonical_unit = canonical(self.value, self.unit)
        self.canonical_value_max = (None if self.value_max is None
                                    else canonical(self.value_max, self.unit)[0])
        return self


class Goal(_Item):
    id: str
    measure: str | None
    section: str | None
    year: int | None
    text: str
    span: Span
    origin: Origin = None


class Citation(_Item):
    title: str | None
    doc_number: str | None = None
    span: Span
    origin: Origin = None
    relation: Literal["implements", "cites"] = "cites"
    """``implements`` when the clause before it presents the plan as carrying the cited document
    out (根据 / 贯彻落实 / 按照《…》); added field, see README."""
    key: str | None = None
    """The cited document's identity (``extractor.citations.citation_key``): one graph node per
    document however plans print it; added field."""

    @model_validator(mode="after")
    def _key(self) -> "Citation":
        from .citations import citation_key

        self.key = citation_key(self.title, self.doc_number)  # a function of the two: never stale
        return self


class Department(_Item):
    name: str
    aliases: list[str] = Field(default_factory=list)
    lead_of: list[str] = Field(default_factory=list)
    support_of: list[str] = Field(default_factory=list)
    region: str | None = None
    """The department's region: ``全国`` for a national body, else the plan's
    (``extractor.department_identity``); added field."""
    type: str | None = None
    """What kind of department it is (``发展改革``), from ``extractor/data/department_identity.json``;
    added field."""


class PlanWarning(_Item):
    """Where the parser guessed or gave up (named so as not to shadow the builtin ``Warning``)."""
    code: WarningCode
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
    warnings: list[PlanWarning] = Field(default_factory=list)

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

    @model_validator(mode="after")
    def _identify_departments(self) -> "Plan":
        """Region and type of each department, decided here, in one place (they follow from the
        name and the plan's region, so a plan read back gets them afresh)."""
        from .department_identity import department_region, department_type

        for d in self.departments:
            d.region = department_region(d.name, self.metadata.region)
            d.type = department_type(d.name, d.region)
        return self

    @model_validator(mode="after")
    def _mark_origins(self) -> "Plan":
        """Each fact's ``origin``, decided here from ``Source.ocr`` so that it is never stale
        (a plan read back, or edited, gets it afresh)."""
        for item in self._facts():
            item.origin = "ocr" if self.source.ocr and self.source.from_ocr(item.span) else None
        return self

    def _facts(self):
        """Every fact that carries an ``origin``: all items with a span but sections, whose span
        holds their subtree (a section is not from OCR because one of its measures is)."""
        for group in (self.measures, self.targets, self.goals, self.citations):
            yield from group
        for m in self.measures:
            yield from m.units
            if m.deadline is not None:
                yield m.deadline

    def _spans(self):
        yield from self.source.ocr
        for section in self.sections:
            yield section.span
        for item in self._facts():
            yield item.span
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
