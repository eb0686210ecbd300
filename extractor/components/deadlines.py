from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..deadlines import DeadlineMatch, find_deadlines, latest
from ..extensions import text_of
from .targets import annual_year, plan_year


@dataclass
class DeadlineRecord:
    measure: str        # id of the measure's tree node
    deadline: DeadlineMatch


class DeadlineReader:
    """Reads each measure's 完成时限 into ``doc._.deadlines`` (one per measure, see
    :func:`extractor.deadlines.latest`). A labelled deadline outside every measure is reported
    as ``deadline-unattached``, never dropped silently."""

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> tuple[list[DeadlineRecord], list[DeadlineMatch]]:
        text = text_of(doc)
        year = plan_year(doc._.header) or annual_year(doc._.header)
        records, outside = [], []
        pos = doc._.header.body_start if doc._.header else 0
        for node in doc._.measures:
            outside += find_deadlines(text, pos, node.heading.start, year)
            found = latest(find_deadlines(text, node.heading.start, node.own_end, year))
            if found is not None:
                records.append(DeadlineRecord(node.id, found))
            pos = max(pos, node.own_end)
        outside += find_deadlines(text, pos, len(text), year)
        return records, outside

    def set_annotations(self, doc: Doc, found: tuple[list[DeadlineRecord], list[DeadlineMatch]]) -> None:
        records, outside = found
        doc._.deadlines = records
        for d in outside:
            doc._.problems.append(("deadline-unattached", f"deadline outside any measure: {d.text}",
                                   (d.label_start, d.end)))


@Language.factory("policykg_deadlines", default_config={}, assigns=["doc._.deadlines", "doc._.problems"],
                  requires=["doc._.measures", "doc._.header"])
def make_deadlines(nlp: Language, name: str) -> DeadlineReader:
    return DeadlineReader()
