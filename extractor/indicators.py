"""Canonical indicator names, so that the same quantity in two plans is one Indicator node.

Plans name one indicator in many ways (``非化石能源消费比重`` / ``非化石能源占能源消费总量比重``).
The synonyms live in ``extractor/data/indicators.jsonl`` (one object per line: ``name``, ``synonyms``,
``unit``), which a user can extend without touching code, or add to with a file of their own
named by ``$POLICYKG_INDICATORS``. A name in neither is its own indicator, after the same light
normalisation.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

_SPACE = re.compile(r"\s+")
_SCOPE = re.compile(r"^(?:其中|全国|全省|全市|全区|全县|本省|本市|本区|本县|各区|新区)")
_FULL_WIDTH = str.maketrans("()", "（）")


def normalise(text: str) -> str:
    """The form names are compared in: no white space, full-width brackets, no scope prefix
    (``全区森林覆盖率`` is ``森林覆盖率`` of the region the plan covers)."""
    text = _SPACE.sub("", text).translate(_FULL_WIDTH)
    return _SCOPE.sub("", text) or text


@dataclass(frozen=True)
class Indicator:
    name: str
    synonyms: tuple[str, ...] = ()
    unit: str | None = None


@dataclass
class IndicatorIndex:
    """Looks up the canonical indicator for a name as printed."""
    indicators: list[Indicator] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_form: dict[str, Indicator] = {}
        for ind in self.indicators:
            for form in (ind.name, *ind.synonyms):
                self._by_form.setdefault(normalise(form), ind)

    def canonical(self, printed: str) -> Indicator:
        """The known indicator ``printed`` names, else a new one named by its normal form."""
        form = normalise(printed)
        return self._by_form.get(form) or Indicator(form)

    @classmethod
    def from_file(cls, path: Path) -> "IndicatorIndex":
        return cls(list(_read(path.read_text(encoding="utf-8"), str(path))))


def _read(text: str, where: str):
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            yield Indicator(item["name"], tuple(item.get("synonyms", ())), item.get("unit"))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{where}:{number}: not an indicator entry ({exc})") from None


@lru_cache(maxsize=1)
def default_index() -> IndicatorIndex:
    """The synonyms shipped with the package, after those of the file ``$POLICYKG_INDICATORS``
    names if it is set (so a user's entry wins over a shipped one for the same name)."""
    data = resources.files("policykg.extractor").joinpath("data/indicators.jsonl").read_text(encoding="utf-8")
    shipped = list(_read(data, "extractor/data/indicators.jsonl"))
    extra = os.environ.get("POLICYKG_INDICATORS")
    mine = IndicatorIndex.from_file(Path(extra)).indicators if extra else []
    return IndicatorIndex([*mine, *shipped])
