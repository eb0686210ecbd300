"""Which stored plan a parsed document is: ids that never collide, and one plan per document.

A plan's id comes from its file name (``extractor.api.plan_id_for``), and file names say little:
``2021/实施方案.txt`` and ``2022/实施方案.txt`` are two documents, while a PDF in ``bulk/`` and the
same bytes under another name in ``pdf/`` are one, and so are a PDF and its text twin. So
``Store.add`` decides from the documents themselves, in this order:

1. **identical bytes**: the same ``source.sha256``;
2. **same title and text**: titles equal as ``citation_key`` writes them (white space, title
   marks and bracket forms aside), no 文号 or date on both sides that differs, and text at
   least ``TEXT_ALIKE`` alike (character 4-grams of the headings, measures and goals). This is
   how a PDF meets its text twin: in the corpus they share title and text (99.9–100 %) but most
   print neither 文号 nor date, so those can only veto.

A document the store does not hold keeps its file-name id unless another document has it; then
the id gets the first 8 hex digits of its sha256 (``实施方案-3fa91c02``): still readable, and the
same in every build. Which of two same-named documents keeps the plain id is the one stored first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from policykg.extractor.citations import citation_key

if TYPE_CHECKING:
    from policykg.extractor.model import Plan

TEXT_ALIKE = 0.9
"""Jaccard similarity of two readings of one document: the corpus twins score 0.999–1.0; two
documents sharing a title but not their text (a revised edition) score far lower."""

# Formats ranked by how faithfully their text comes out: a text file as written, a PDF as laid
# out on pages (page furniture, broken lines). Of two readings of a document, the plan keeps
# the parse of the better one.
_FORMAT_RANK = {"txt": 0, "docx": 1, "html": 2, "pdf": 3}
_NOT_WORD = re.compile(r"\W+")
_GRAM = 4


@dataclass(frozen=True)
class Placement:
    """What ``Store.add`` did with one parsed document."""
    id: str
    """The plan it is now part of."""
    path: str | None
    """The file it was read from (absolute)."""
    action: str
    """``new``; ``renamed`` (new, but its file-name id was another document's); ``replaced`` (the
    same document from the same file, built again, or a file that now holds another document);
    ``merged`` (one more file of a stored document); ``kept`` (a file the plan lists already,
    of a format whose parse does not displace the plan's, so nothing was written)."""
    note: str | None = None
    """One line saying which paths became one plan and why, or what was replaced."""


def title_key(title: str | None) -> str | None:
    """A title as documents are compared by it (white space, title marks, bracket forms aside)."""
    return citation_key(title, None) if title else None


def same_document(new: "Plan", old: "Plan") -> str | None:
    """Why ``new`` and ``old`` are one document (``identical bytes``, ``same title, text 100%
    alike``), or ``None`` when they are two."""
    if new.source.sha256 == old.source.sha256:
        return "identical bytes"
    a, b = new.metadata, old.metadata
    key = title_key(a.title)
    if key is None or key != title_key(b.title):
        return None
    agreed = []
    for label, x, y in (("文号", a.doc_number, b.doc_number), ("date", a.written_date, b.written_date),
                        ("publication date", a.published_date, b.published_date)):
        if x and y:
            if x != y:
                return None
            agreed.append(label)
    alike = similarity(new, old)
    if alike < TEXT_ALIKE:
        return None
    return f"same title{''.join(', ' + label for label in agreed)}, text {alike:.0%} alike"


def similarity(a: "Plan", b: "Plan") -> float:
    """Jaccard similarity of the two plans' character 4-grams; 0 when either has no text."""
    x, y = _grams(a), _grams(b)
    return len(x & y) / len(x | y) if x and y else 0.0


def _grams(plan: "Plan") -> set[str]:
    parts = [s.title for s in plan.sections]
    parts += [f"{m.title}{m.text}" for m in plan.measures]
    parts += [g.text for g in plan.goals]
    text = _NOT_WORD.sub("", "".join(parts))
    return {text[i:i + _GRAM] for i in range(len(text) - _GRAM + 1)}


def better_reading(new: "Plan", old: "Plan") -> bool:
    """Whether ``new``'s parse should replace ``old``'s as the plan's: a better format only, so
    that the plan a store keeps does not depend on the order its files were met."""
    rank = lambda p: _FORMAT_RANK.get(p.source.format, len(_FORMAT_RANK))  # noqa: E731
    return rank(new) < rank(old)


def free_id(plan: "Plan", taken: Callable[[str], bool]) -> str:
    """``plan.id``, or, when another document holds it, the id with the shortest prefix of the
    plan's sha256 (8 hex digits, more only if those are taken too) that is free."""
    if not taken(plan.id):
        return plan.id
    digits = 8
    # 64 digits taken would be the same bytes, which ``same_document`` has matched already
    while taken(f"{plan.id}-{plan.source.sha256[:digits]}") and digits < 64:
        digits += 1
    return f"{plan.id}-{plan.source.sha256[:digits]}"
