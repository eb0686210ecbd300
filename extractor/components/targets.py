from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import text_of

from ..targets import TargetScan, find_targets


class TargetFinder:
    """Finds dated quantitative targets and dated goals into ``doc._.targets`` / ``doc._.goals``.

    Targets are searched after the header block only: a 文号 or a date in the header is no target.
    Numbers that looked like targets but could not be read become ``target-unread`` warnings.
    """

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> TargetScan:
        header = doc._.header
        start = header.body_start if header else 0
        return find_targets(text_of(doc), start, plan_year=plan_year(header))

    def set_annotations(self, doc: Doc, scan: TargetScan) -> None:
        doc._.targets = scan.targets
        doc._.goals = scan.goals
        for p in scan.problems:
            doc._.problems.append(("target-unread", p.message, (p.start, p.end)))
        doc.spans["targets"] = [s for t in scan.targets
                                if (s := doc.char_span(t.start, t.end, label="TARGET", alignment_mode="expand"))]


def plan_year(header) -> int | None:
    """The year the plan was written (成文日期, else the year in its 文号): years before it are history."""
    if header is None:
        return None
    for key in ("written_date", "doc_number", "published_date"):
        if key in header.values:
            m = re.search(r"(?:19|20)\d{2}", header.values[key].value)
            if m:
                return int(m.group())
    return None


@Language.factory("policykg_targets", default_config={}, assigns=['doc._.targets', 'doc._.goals', 'doc._.problems'], requires=['doc._.header'])
def make_targets(nlp: Language, name: str) -> TargetFinder:
    return TargetFinder()
