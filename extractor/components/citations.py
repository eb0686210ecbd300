from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import text_of

from ..citations import FoundCitation, find_citations


class CitationFinder:
    """Finds cited policies (《…》 titles and 文号) into ``doc._.citations``, skipping the plan's own title."""

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[FoundCitation]:
        header = doc._.header
        own = tuple(header.values[k].value for k in ("title",) if header and k in header.values)
        own_number = header.values["doc_number"].value if header and "doc_number" in header.values else None
        return [c for c in find_citations(text_of(doc), 0, own) if not (c.title is None and c.doc_number == own_number)]

    def set_annotations(self, doc: Doc, citations: list[FoundCitation]) -> None:
        doc._.citations = citations
        doc.spans["citations"] = [s for c in citations
                                  if (s := doc.char_span(c.start, c.end, label="CITATION", alignment_mode="expand"))]


@Language.factory("policykg_citations", default_config={}, assigns=['doc._.citations'], requires=['doc._.header'])
def make_citations(nlp: Language, name: str) -> CitationFinder:
    return CitationFinder()
