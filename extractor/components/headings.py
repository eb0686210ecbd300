from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import text_of

from ..metadata import document_kind, without_measures
from ..paragraph_measures import split_paragraph_measures, unnumbered_headings
from ..structure import Node, build_tree, find_headings, fold_forms, is_measure, walk


class HeadingParser:
    """Builds the heading tree (``doc._.sections``) and picks the measures (``doc._.measures``);
    a call for proposals has none (``without_measures`` in ``data/document_kinds.json``)."""

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Node]:
        text = text_of(doc)
        headings = find_headings(text)
        if not headings:
            headings = unnumbered_headings(text)
            if headings:
                parts = sum(h.kind == "part" for h in headings)
                doc._.problems.append(("measure-unnumbered", f"no numbered heading: {parts} unnumbered parts over "
                                       f"{len(headings) - parts} heading-sentence paragraphs read as measures", None))
        roots = build_tree(headings, len(text))
        fold_forms(roots, text)
        for node, count in split_paragraph_measures(roots, text):
            doc._.problems.append(("measure-paragraphs", f"{node.path} {node.heading.title[:30]} read as {count} "
                                   "unnumbered measures, one per paragraph closed by a unit clause",
                                   (node.heading.start, node.end)))
        return roots

    def set_annotations(self, doc: Doc, roots: list[Node]) -> None:
        doc._.sections = roots
        nodes = list(walk(roots))
        header = doc._.header
        title = header.values["title"].value if header and "title" in header.values else None
        doc._.kind = document_kind(title, text_of(doc))
        none_by_kind = without_measures(doc._.kind)
        doc._.measures = [] if none_by_kind else [n for n in nodes if is_measure(n)]
        measures = {id(n) for n in doc._.measures}
        spans = []
        for n in nodes:
            span = doc.char_span(n.heading.start, n.heading.title_span[1], label="MEASURE" if id(n) in measures else "SECTION",
                                 alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["headings"] = spans
        if not doc._.measures and not none_by_kind:
            doc._.problems.append(("no-measures", "no numbered measures found in the action part", None))




@Language.factory("policykg_headings", default_config={}, assigns=['doc._.kind', 'doc._.sections', 'doc._.measures', 'doc._.problems'], requires=['doc._.header'])
def make_headings(nlp: Language, name: str) -> HeadingParser:
    return HeadingParser()
