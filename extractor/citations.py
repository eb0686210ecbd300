"""Citations of higher-level policies: every 《…》 title (with nested 〈〉 or 《》) and 文号, and the
key that names the cited document whichever way a plan prints it (``citation_key``)."""
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


_WRAPPER = re.compile(r"^.*?关于印发(.+?)的通知$")
_DROPPED = re.compile(r"[\s《》〈〉“”\"'‘’]")
_WIDTH = str.maketrans({"(": "（", ")": "）", "－": "—", "–": "—", "-": "—", "~": "—", "～": "—"})
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


def citation_key(title: str | None, doc_number: str | None) -> str | None:
    """The cited document's identity: its own title, the same however a plan prints it, else its
    (already formatted) 文号; ``None`` when the citation has neither.

    ``国务院关于印发2030年前碳达峰行动方案的通知`` and ``《2030年前碳达峰行动方案》`` are one
    document: the notice that issues a plan is keyed by the plan. White space, title marks and
    quotes are dropped and brackets and dashes take one form (``(2021-2025年)`` is
    ``（2021—2025年）``)."""
    if title:
        plain = _DROPPED.sub("", title).translate(_WIDTH)
        wrapped = _WRAPPER.match(plain)
        return (wrapped.group(1) if wrapped else plain) or None
    return doc_number or None
