"""The one registry of warning codes: where the parser guessed or gave up, it says so with one of these."""
from __future__ import annotations

from enum import Enum

CODES: dict[str, str] = {
    "unit-alias": "a printed unit name was read as another, canonical name",
    "unit-unattached": "a unit clause stands outside any measure and was not attached",
    "unit-outside-action": "a unit clause stands in a part that holds no measures (保障措施, 进度安排): its units are in no measure",
    "no-measures": "no numbered measures were found in the action part of the plan",
    "deadline-unattached": "a labelled deadline (完成时限：…) stands outside any measure and was not attached",
    "target-unread": "a number that looks like a target could not be read",
    "table-unread": "rows of an indicator table hold numbers under a target year but could not be read",
    "target-year-inferred": "a target's sentence prints no year; the year was taken from the plan (its own year, its objectives)",
    "lead-none": "a measure's unit clause names no unit the parser could read",
    "encoding-uncertain": "the text encoding was detected with low confidence",
    "pdf-image-region": "a PDF page or image holds text as a picture that was not read (no OCR)",
    "ocr-text": "text read by OCR from a picture (its span); facts within it need checking by eye",
    "pdf-page-unread": "a PDF page could not be loaded (a broken page object) and was left out",
    "pdf-unmapped-glyphs": "a PDF page has glyphs with no Unicode mapping; some characters are missing",
    "title-guessed": "no title line was found; the title was taken from the first paragraph",
    "units-mostly-unattached": "most unit clauses stand outside any measure: the measures were probably misread",
    "measure-without-units": "a measure has no responsible unit in a plan where most measures have them",
    "measure-many-units": "a measure has unusually many units or leads: several items may have been read as one",
    "measure-paragraphs": "an item's paragraphs, each closed by its own unit clause, were read as unnumbered measures",
    "measure-unnumbered": "no heading is numbered: unnumbered part headings and the heading-sentence paragraphs under them were read as the structure",
    "measure-procedural": "a measure's title reads as a timeline step or a procedural item",
    "numbering-out-of-order": "an item's number repeats or runs backwards among its siblings",
    "document-kind": "the document is a notice, call for proposals or rules, not a plan",
}


WarningCode = Enum("WarningCode", {code.upper().replace("-", "_"): code for code in CODES}, type=str)
"""The codes above as a closed vocabulary of the plan model (``PlanWarning.code``)."""


def check(code: str) -> str:
    if code not in CODES:
        raise KeyError(f"unknown warning code {code!r}; add it to extractor/warnings.py")
    return code
