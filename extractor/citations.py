"""Citations of higher-level policies: every 《…》 title (with nested 〈〉 or 《》) and 文号."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .metadata import _DOC_NUMBER


@dataclass
class FoundCitation:
    title: str | None
    doc_number: str | None
    start: int
    end: int


_TITLE = re.compile(r"《((?:[^《》\n]|《[^《》\n]*》)+)》")
_NUMBER_AFTER = re.compile(r"\s*（\s*(" + _DOC_NUMBER.pattern + r")\s*）")


def find_citations(text: str, start: int = 0, exclude_titles: tuple[str, ...] = ()) -> list[FoundCitation]:
    """Titles in 《》 (a 文号 right after in brackets is attached) and free-standing 文号."""
    found: list[FoundCitation] = []
    covered: list[tuple[int, int]] = []
    for m in _TITLE.finditer(text, start):
        end = m.end()
        number = None
        after = _NUMBER_AFTER.match(text, end, end + 40)
        if after:
            number = _format_number(_DOC_NUMBER.match(after.group(1)))
            end = after.end()
        if m.group(1) not in exclude_titles:
            found.append(FoundCitation(m.group(1), number, m.start(), end))
        covered.append((m.start(), end))
    for m in _DOC_NUMBER.finditer(text, start):
        if any(a <= m.start() < b for a, b in covered):
            continue
        skipped = len(m.group(1)) - len(_LEADING_WORDS.sub("", m.group(1)) or m.group(1))
        found.append(FoundCitation(None, _format_number(m), m.start() + skipped, m.end()))
    return sorted(found, key=lambda c: c.start)


_LEADING_WORDS = re.compile(r"^(?:按照|根据|依据|落实|执行|贯彻|参照|印发|和|及|与|见|按)+")


def _format_number(m: re.Match) -> str:
    """``川府发〔2022〕3号``; words that ran into the issuer's abbreviation (和, 按照…) are dropped."""
    prefix = _LEADING_WORDS.sub("", m.group(1)) or m.group(1)
    return f"{prefix}〔{m.group(2)}〕{m.group(3)}号"
