from __future__ import annotations

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
        start = doc._.header.body_start if doc._.header else 0
        return find_targets(text_of(doc), start)

    def set_annotations(self, doc: Doc, scan: TargetScan) -> None:
        doc._.targets = scan.targets
        doc._.goals = scan.goals
        for p in scan.problems:
            doc._.problems.append(("target-unread", p.message, (p.start, p.end)))
        doc.spans["targets"] = [s for t in scan.targets
                                if (s := doc.char_span(t.start, t.end, label="TARGET", alignment_mode="expand"))]
