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


_ISSUER_SEPARATORS = re.compile(r"[、，,\s]+")
# 国家发展改革委等部门, 长沙市住房和城乡建设局等12部门: the issuers not named are no department
_UNNAMED_OTHERS = re.compile(r"等\s*[0-9一二三四五六七八九十两]*\s*个?(?:部门|单位)$")
_ISSUER_END = re.compile(r"(?:委员会|办公厅|办公室|政府|总局|中央|局|委|厅|办|部|院|会|行|署|中心|公司)$")
_REGION_NAME = re.compile(r"^(?:中共)?([\u4e00-\u9fff]{2,7}?(?:自治区|省|市|区|县))")


def issuer_names(issuer: str) -> list[str]:
    """The departments a plan's issuer line names, each once, so that a joint issue is one node per
    issuer rather than one node for the line: ``A、B`` and ``A\\tB`` list two; ``A等四部门`` names A;
    names printed without a space between them (``中共云南省委云南省人民政府``,
    ``台州市财政局国家税务总局台州市税务局``) part where a name ends and another opens with a national
    prefix or again with the first name's region (a national body's local office, ``国家税务总局台州市
    税务局``, stays whole). A piece that ends in no organ's word is a misread line, not an issuer
    (``两部门``, ``关于联合``)."""
    names: list[str] = []
    national = vocabulary().national_prefixes
    opens = national + ("中共",)
    for piece in _ISSUER_SEPARATORS.split(issuer):
        piece = _UNNAMED_OTHERS.sub("", piece)
        region = _REGION_NAME.match(piece)
        starts = opens + ((region.group(1),) if region else ())
        begin = 0
        for i in range(2, len(piece) - 1):
            if piece.startswith(starts, i) and _ISSUER_END.search(piece, begin, i) \
                    and not (piece.startswith(national, begin) and not piece.startswith(opens, i)):
                names.append(piece[begin:i])
                begin = i
        names.append(piece[begin:])
    return list(dict.fromkeys(n for n in names if len(n) >= 2 and _ISSUER_END.search(n)))
