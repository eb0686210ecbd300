"""Citations of higher-level policies: every 《…》 title (with nested 〈〉 or 《》) and 文号.

Each citation also says whether the plan presents itself as carrying the cited document out
(``implements``: 根据《…》, 贯彻落实《…》) or only mentions it (``cites``); the graph turns the first
kind into IMPLEMENTS links between plans. The cue words are data (``data/citation_cues.json``).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .metadata import DOC_NUMBER, doc_number_prefix, find_doc_numbers, format_doc_number


@dataclass
class FoundCitation:
    title: str | None
    doc_number: str | None
    start: int
    end: int
    relation: str = "cites"


_TITLE = re.compile(r"《((?:[^《》\n]|《[^《》\n]*》)+)》")
_NUMBER_AFTER = re.compile(r"\s*（\s*(" + DOC_NUMBER.pattern + r")\s*）")


def find_citations(text: str, start: int = 0, exclude_titles: tuple[str, ...] = ()) -> list[FoundCitation]:
    """Titles in 《》 (a 文号 right after in brackets is attached) and free-standing 文号."""
    found: list[FoundCitation] = []
    covered: list[tuple[int, int]] = []
    for m in _TITLE.finditer(text, start):
        end = m.end()
        number = None
        after = _NUMBER_AFTER.match(text, end, end + 40)
        if after:
            number = format_doc_number(DOC_NUMBER.match(after.group(1)))
            end = after.end()
        if m.group(1) not in exclude_titles:
            found.append(FoundCitation(m.group(1), number, m.start(), end))
        covered.append((m.start(), end))
    for m in find_doc_numbers(text, start):
        if any(a <= m.start() < b for a, b in covered):
            continue
        skipped = len(m.group(1)) - len(doc_number_prefix(m))
        found.append(FoundCitation(None, format_doc_number(m), m.start() + skipped, m.end()))
    for citation in found:
        citation.relation = relation_before(text, citation.start)
    return sorted(found, key=lambda c: c.start)


@dataclass(frozen=True)
class _Cues:
    implements: tuple[str, ...]
    breaks: frozenset[str]
    lookback: int


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    data = json.loads((Path(__file__).parent / "data" / "citation_cues.json").read_text(encoding="utf-8"))
    return _Cues(tuple(data["implements"]), frozenset(data["clause_breaks"]), data["max_lookback"])


def relation_before(text: str, start: int) -> str:
    """``implements`` when the clause ending at ``start`` holds an implementation cue, else ``cites``.

    The clause runs back to the nearest clause break, at most ``max_lookback`` characters, so
    ``为贯彻落实《A》、《B》`` marks both titles while a cue in an earlier clause marks none. Titles
    inside the clause are left out: ``《…全面贯彻新发展理念…》`` is a name, not a cue.
    """
    cues = _cues()
    begin = start
    floor = max(0, start - cues.lookback)
    while begin > floor and text[begin - 1] not in cues.breaks:
        begin -= 1
    clause = _TITLE.sub("", text[begin:start])
    return "implements" if any(cue in clause for cue in cues.implements) else "cites"


_WRAPPER = re.compile(r"^(?P<issuer>.{0,60}?)(?:关于)?印发[《〈]?(?P<inner>.+?)[》〉]?的通知$")
_ABOUT = re.compile(r"^(?P<issuer>.{0,60}?)关于(?P<rest>.+)$")
_TRAILING = re.compile(r"(?:[（(](?:试行|暂行|征求意见稿|\d{4}\s*[-—–－~至]\s*\d{4}\s*年?)[）)])+$")
_QUOTES = "《》〈〉“”\"' "


_NOTICE_OF = re.compile(r"^(?P<inner>.+?(?:方案|意见|规划|计划|措施|办法|细则|纲要|规定|决定|条例|指南|标准))的通知$")


@dataclass(frozen=True)
class TitleParts:
    """A policy title taken apart, so that two printings of one document compare equal.

    ``国务院关于印发《2030年前碳达峰行动方案》的通知`` and ``2030年前碳达峰行动方案`` share ``core``;
    ``issuer`` keeps who the title says issued it (``国务院``, ``福建省人民政府``, or ``""``), which is
    what tells the many provinces' ``关于加快建立健全…的实施意见`` apart.
    """
    issuer: str
    core: str

    @property
    def key(self) -> str:
        """``core`` as compared: ``体系的实施方案`` and ``体系实施方案`` are printings of one title."""
        return self.core.replace("的", "")


def title_parts(title: str) -> TitleParts:
    """Split a title into issuer and core: the 印发…的通知 wrapper, the ``X关于`` issuer and
    trailing ``（试行）`` / ``（2021-2025年）`` are taken off the core."""
    text = title.strip(_QUOTES)
    issuer = ""
    wrapped = _WRAPPER.match(text)
    if wrapped:
        issuer, text = wrapped.group("issuer"), wrapped.group("inner").strip(_QUOTES)
    about = _ABOUT.match(text)
    if about:
        issuer, text = about.group("issuer") or issuer, about.group("rest")
    notice = _NOTICE_OF.match(text)
    if notice:  # 关于X实施方案的通知: the 印发 left out
        text = notice.group("inner")
    text = _TRAILING.sub("", text).strip(_QUOTES)
    return TitleParts(issuer.strip(_QUOTES), text)
