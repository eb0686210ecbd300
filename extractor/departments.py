"""Canonical department names: one name per department across a plan and the plans of a region.

The alias tables are data (``extractor/data/departments/*.jsonl`` plus the folder named by
``POLICYKG_DEPARTMENTS``), so users extend them without touching code. Two rules cover what no
table lists, and each says what it did in a warning:

* a bare name printed without its administrative prefix (``新经济和科技局``) takes the prefixed
  name the same plan uses elsewhere (``区新经济和科技局``);
* of two names that differ only in the final 局/委 (``区发展改革委`` once, ``区发展改革局`` thirty
  times) the rare one is read as the common one.
"""
from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .vocabulary import alternatives, load

DATA_DIR = Path(__file__).parent / "data" / "departments"
_IDENTITY = load("department_identity")
# 自治区 first: 生态环境厅 of a Guangxi plan is 自治区生态环境厅, never a 区 bureau
_PREFIXES = tuple(_IDENTITY["rank_prefixes"])
# a name opening with its rank or region is prefixed already; 市场监管局 opens with a word, not a rank
_ADMIN_START = re.compile(rf"^(?!{alternatives(_IDENTITY['rank_lookalikes'])})"
                          r"(?:[区市县省]|各|相关|有关|国家|中央|.{1,8}?(?:省|市|区|县|新区|开发区)|国网)")
_VARIANT_SUFFIX = re.compile(r"(局|委|委员会|办|办公室)$")


@dataclass(frozen=True)
class AliasEntry:
    region: str
    name: str
    aliases: tuple[str, ...]


@dataclass
class Resolution:
    """The canonical name of a printed unit, and why (``None`` when taken as printed)."""
    name: str
    reason: str | None = None


@lru_cache(maxsize=1)
def alias_table() -> tuple[AliasEntry, ...]:
    """All alias entries: the packaged ones, then the user's (``POLICYKG_DEPARTMENTS``)."""
    folders = [DATA_DIR]
    if os.environ.get("POLICYKG_DEPARTMENTS"):
        folders.append(Path(os.environ["POLICYKG_DEPARTMENTS"]))
    entries = []
    for folder in folders:
        for path in sorted(folder.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    entries.append(AliasEntry(row["region"], row["name"], tuple(row.get("aliases", []))))
    return tuple(entries)


def all_names() -> set[str]:
    """Every canonical name and alias, for jieba's dictionary and the entity ruler."""
    names = set()
    for e in alias_table():
        names.add(e.name)
        names.update(e.aliases)
    return names


NATIONAL = "全国"
"""The region of national bodies' entries (``national.jsonl``): they apply to every plan."""


def _region_matches(entry_region: str, region: str | None, issuer: str | None) -> bool:
    if entry_region == NATIONAL:
        return True
    if not region:
        return False
    return entry_region == region or entry_region in (issuer or "") or region.endswith(entry_region)


@dataclass
class DepartmentResolver:
    """Resolves the printed unit names of one plan to canonical names."""
    region: str | None
    issuer: str | None = None
    printed: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._resolved: dict[str, Resolution] = {}
        self._table: dict[str, str] = {}
        for e in alias_table():
            if _region_matches(e.region, self.region, self.issuer):
                for alias in e.aliases:
                    self._table[alias] = e.name

    def observe(self, names: list[str]) -> None:
        """Count the names printed in the plan; the in-plan rules compare against them."""
        self.printed.update(names)
        self._resolved.clear()

    def covers(self, region: str) -> bool:
        """Whether alias entries of ``region`` apply to this plan."""
        return _region_matches(region, self.region, self.issuer)

    def resolve(self, raw: str, known: str | None = None) -> Resolution:
        """The canonical name of ``raw``; ``known`` is one already found in the alias data
        (by the pipeline's entity ruler)."""
        if known is not None and known != raw:
            return Resolution(known, f"{raw} read as {known} (alias table)")
        if raw not in self._resolved:
            self._resolved[raw] = self._resolve(raw)
        return self._resolved[raw]

    def _resolve(self, raw: str) -> Resolution:
        if raw in self._table:
            return Resolution(self._table[raw], f"{raw} read as {self._table[raw]} (alias table)")
        if not _ADMIN_START.match(raw):
            for prefix in _PREFIXES:
                if self.printed.get(prefix + raw):
                    return Resolution(prefix + raw, f"{raw} read as {prefix + raw} (prefix used elsewhere in the plan)")
        m = _VARIANT_SUFFIX.search(raw)
        if m:
            stem = raw[: m.start()]
            for other, count in self.printed.most_common():
                if other != raw and other.startswith(stem) and _VARIANT_SUFFIX.fullmatch(other[len(stem):]) \
                        and count >= 3 * self.printed.get(raw, 1):
                    return Resolution(other, f"{raw} read as {other} ({count} other mentions)")
        return Resolution(raw)
