from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import text_of

from ..paragraph_measures import split_paragraph_measures
from ..structure import Node, build_tree, find_headings, is_measure, walk


class HeadingParser:
    """Builds the heading tree (``doc._.sections``) and picks the measures (``doc._.measures``)."""

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Node]:
        text = text_of(doc)
        roots = build_tree(find_headings(text), len(text))
        for node, count in split_paragraph_measures(roots, text):
            doc._.problems.append(("measure-paragraphs", f"{node.path} {node.heading.title[:30]} read as {count} "
                                   "unnumbered measures, one per paragraph closed by a unit clause",
                                   (node.heading.start, node.end)))
        return roots

    def set_annotations(self, doc: Doc, roots: list[Node]) -> None:
        doc._.sections = roots
        nodes = list(walk(roots))
        doc._.measures = [n for n in nodes if is_measure(n)]
        spans = []
        for n in nodes:
            span = doc.char_span(n.heading.start, n.heading.title_span[1], label="MEASURE" if is_measure(n) else "SECTION",
                                 alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["headings"] = spans
        if not doc._.measures:
            doc._.problems.append(("no-measures", "no numbered measures found in the action part", None))




@Language.factory("policykg_headings", default_config={}, assigns=['doc._.sections', 'doc._.measures', 'doc._.problems'], requires=[])
def make_headings(nlp: Language, name: str) -> HeadingParser:
    return HeadingParser()
