"""Citations of higher-level policies: every 《…》 title (with nested 〈〉 or 《》) and 文号."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .metadata import DOC_NUMBER, doc_number_prefix, find_doc_numbers, format_doc_number


@dataclass
class FoundCitation:
    title: str | None
    doc_number: str | None
    start: int
    end: int


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
    return sorted(found, key=lambda c: c.start)
