"""Who a department is, decided once: its region (a national body is one department wherever a
plan names it) and its type (``发展改革`` for 区发展改革局 and 市发改委 alike).

The parser writes both onto ``Plan.departments``; the graph keys a department by name and this
region (``department/全国/国家发展改革委``), and the comparison reads the type. The vocabulary is
data (``extractor/data/department_identity.json`` and ``extractor/data/departments/national.jsonl``).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .departments import alias_table

_SUFFIX = re.compile(r"(?:委员会|办公室|管委会|局|委|办|厅|部)$")
_RANKS = ("区", "市", "县", "省")


@dataclass(frozen=True)
class Vocabulary:
    national_region: str
    national_prefixes: tuple[str, ...]
    local_markers: tuple[str, ...]
    national_names: frozenset[str]
    type_words: tuple[tuple[str, str], ...]
    """(word, type), longest word first."""


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = json.loads(resources.files("policykg.extractor")
                      .joinpath("data/department_identity.json").read_text(encoding="utf-8"))
    region = data["national_region"]
    names = frozenset(n for e in alias_table() if e.region == region for n in (e.name, *e.aliases))
    words = sorted(((w, kind) for kind, ws in data["types"].items() for w in ws),
                   key=lambda pair: -len(pair[0]))
    return Vocabulary(region, tuple(data["national_prefixes"]), tuple(data["local_markers"]),
                      names, tuple(words))


def is_national(name: str) -> bool:
    """A national body: listed as one, or named with a national prefix and no local word."""
    v = vocabulary()
    if name in v.national_names:
        return True
    return name.startswith(v.national_prefixes) and not any(m in name for m in v.local_markers)


def department_region(name: str, plan_region: str | None) -> str | None:
    """The region a department belongs to: 全国 for a national body, else the plan's region."""
    return vocabulary().national_region if is_national(name) else plan_region


def department_type(name: str, region: str | None = None) -> str:
    """What kind of department ``name`` is: the type of the longest type word it contains
    (``extractor/data/department_identity.json``); a name with none is stripped of its region,
    rank word and suffix (``区投促局`` of 青羊区 would be ``投促`` were it not listed)."""
    for word, kind in vocabulary().type_words:
        if word in name:
            return kind
    stems = [region, region[:-1]] if region and len(region) > 2 else [region] if region else []
    for stem in stems:
        if stem and name.startswith(stem) and len(name) > len(stem) + 1:
            name = name[len(stem):]
            break
    if name[:1] in _RANKS and len(name) > 2:
        name = name[1:]
    stem = _SUFFIX.sub("", name)
    return stem if len(stem) > 1 else name
