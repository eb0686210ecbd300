from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import text_of

from ..metadata import HeaderInfo, read_header


class MetadataReader:
    """Reads the header block (title, 文号, dates, issuer) into ``doc._.header``."""

    def __init__(self, head_chars: int = 3000):
        self.head_chars = head_chars

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> HeaderInfo:
        return read_header(text_of(doc), self.head_chars)

    def set_annotations(self, doc: Doc, header: HeaderInfo) -> None:
        doc._.header = header


@Language.factory("policykg_metadata", default_config={"head_chars": 3000}, assigns=['doc._.header'], requires=[])
def make_metadata(nlp: Language, name: str, head_chars: int) -> MetadataReader:
    return MetadataReader(head_chars)
