from __future__ import annotations

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
