"""The custom Doc attributes the pipeline components write, declared once.

Components fill these with plain records whose offsets are character offsets of ``doc.text``
(the normalised text); :mod:`extractor.api` maps them back to the source when building the Plan.
Token-aligned views of the same facts go into ``doc.spans`` groups (``headings``, ``units``,
``targets``, ``citations``) for anyone extending the pipeline.
"""
from __future__ import annotations

from spacy.tokens import Doc

ATTRIBUTES = ("header", "sections", "measures", "clauses", "units", "deadlines", "targets", "goals", "citations", "problems")


def declare() -> None:
    for name in ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def text_of(doc: Doc) -> str:
    """``doc.text``, cached: spaCy rebuilds it from the tokens on every access, which costs more
    than all the rules together on a long plan."""
    text = doc.user_data.get("policykg_text")
    if text is None:
        text = doc.user_data["policykg_text"] = doc.text
    return text
