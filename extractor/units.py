"""The one unit table: every unit a plan prints, its dimension, how it converts to the canonical
unit of that dimension, and its QUDT IRI (or our own where QUDT has none).

The table is data (``extractor/data/units.jsonl``, one JSON object a line) so a user can add a
unit without touching code. A line's fields:

* ``unit``: the unit as printed after the number (after any 万/亿 the number reader folds in);
* ``dimension``: what it measures (``power``, ``land area`` …), for reading and for grouping;
* ``to`` and ``factor``: the canonical unit of the dimension and the factor into it
  (``GW`` → ``千瓦`` × 1,000,000); a line without ``to`` is canonical itself;
* ``qudt`` (a local name under ``http://qudt.org/vocab/unit/``) or ``own`` (under
  ``https://w3id.org/policykg/unit/``, defined in ``graph/data/ontology.ttl``): the unit's IRI,
  given on canonical lines only, since the RDF states values in canonical units;
* ``read`` (default true): whether the number reader (``extractor.numbers``) takes the word as a
  unit; ``年`` and the empty unit are in the table for the graph only;
* ``digits_only`` (default false): the word is a unit after Arabic digits only (``5次``), since
  after a Chinese numeral it is mostly a word of its own (``一次能源``, ``一次性``);
* ``one_counts`` (default false): ``一`` before the word is a count (``至少完成一轮排查``: one
  round), where before other units it is mostly an article (``一批``, ``一个``);
* ``per`` (default false): the word may close a rate after ``/`` (``15万片/月``, ``3000万方/日``),
  also when it is no unit of its own (``月`` after a number is a date or a duration).

The parser states every target in its printed unit and, beside it, in the canonical one
(``Target.canonical_value`` / ``canonical_unit``); the graph, RDF, Cypher, queries and the
comparison read the canonical fields and never convert again.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

QUDT_UNIT = "http://qudt.org/vocab/unit/"
OWN_UNIT = "https://w3id.org/policykg/unit/"


@dataclass(frozen=True)
class UnitEntry:
    unit: str
    dimension: str
    canonical: str
    factor: float = 1.0
    qudt: str | None = None
    own: str | None = None
    read: bool = True
    digits_only: bool = False
    per: bool = False
    one_counts: bool = False

    @property
    def iri(self) -> str | None:
        """The unit's IRI (QUDT, else ours), ``None`` when neither names it."""
        if self.qudt:
            return QUDT_UNIT + self.qudt
        if self.own:
            return OWN_UNIT + self.own
        return None


class UnitTableError(ValueError):
    """A line of the unit table that cannot be read or contradicts another."""


def read_table(text: str, where: str) -> dict[str, UnitEntry]:
    """The entries of a unit table's text, by printed unit; ``where`` names it in errors."""
    entries: dict[str, UnitEntry] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            entry = UnitEntry(item["unit"], item["dimension"], item.get("to", item["unit"]),
                              float(item.get("factor", 1)), item.get("qudt"), item.get("own"),
                              bool(item.get("read", True)), bool(item.get("digits_only", False)),
                              bool(item.get("per", False)), bool(item.get("one_counts", False)))
        except (ValueError, KeyError, TypeError) as exc:
            raise UnitTableError(f"{where}:{number}: not a unit entry ({exc})") from None
        if entry.unit in entries:
            raise UnitTableError(f"{where}:{number}: {entry.unit!r} is listed twice")
        entries[entry.unit] = entry
    for entry in entries.values():
        target = entries.get(entry.canonical)
        if target is None or target.canonical != target.unit:
            raise UnitTableError(f"{where}: {entry.unit!r} converts to {entry.canonical!r}, "
                                 "which is not a canonical unit of the table")
        if target.dimension != entry.dimension:
            raise UnitTableError(f"{where}: {entry.unit!r} and its canonical unit "
                                 f"{entry.canonical!r} have different dimensions")
    return entries


@lru_cache(maxsize=1)
def unit_table() -> dict[str, UnitEntry]:
    """The table shipped in ``extractor/data/units.jsonl``."""
    text = resources.files("policykg.extractor").joinpath("data/units.jsonl").read_text(encoding="utf-8")
    return read_table(text, "extractor/data/units.jsonl")


def readable_units(after_chinese: bool = False) -> list[str]:
    """The words the number reader takes as units (``after_chinese``: those it takes after a
    Chinese numeral too)."""
    return [u for u, entry in unit_table().items()
            if entry.read and u and not (after_chinese and entry.digits_only)]


def rate_denominators() -> list[str]:
    """The words that may stand after ``/`` to make any unit a rate (``片/月``, ``方/日``): a rate
    is kept whole, as the unit of the number, rather than left in the indicator's words."""
    return [u for u, entry in unit_table().items() if entry.per]


def canonical(value: float, unit: str) -> tuple[float, str]:
    """``value`` in ``unit`` stated in the canonical unit of its dimension; a unit the table does
    not know (a composite like ``公里/万人``) is kept as it is."""
    entry = unit_table().get(unit)
    if entry is None:
        return value, unit
    return clean_number(value * entry.factor), entry.canonical


def clean_number(x: float) -> float:
    """A product of decimal factors without binary noise (0.1 × 3 is 0.3, not 0.30000000000000004)."""
    return float(f"{x:.12g}")
