"""The custom Doc attributes the pipeline components write, declared once.

Components fill these with plain records whose offsets are character offsets of ``doc.text``
(the normalised text); :mod:`extractor.api` maps them back to the source when building the Plan.
Token-aligned views of the same facts go into ``doc.spans`` groups (``headings``, ``units``,
``targets``, ``citations``) for anyone extending the pipeline.

``doc._.problems`` (what the components could not read, as ``(code, message, span)``) is the one
piece of per-document state every component appends to: it lives in the Doc's own ``user_data``
and is created on first use, so any Doc, however it was made, starts with an empty list.
"""
from __future__ import annotations

from spacy.tokens import Doc

ATTRIBUTES = ("header", "kind", "sections", "measures", "clauses", "units", "deadlines", "targets", "goals", "citations")
TEXT_KEY = "policykg_text"
PROBLEMS_KEY = "policykg_problems"


def declare() -> None:
    for name in ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("problems"):
        Doc.set_extension("problems", getter=_problems)


def _problems(doc: Doc) -> list:
    return doc.user_data.setdefault(PROBLEMS_KEY, [])


def text_of(doc: Doc) -> str:
    """``doc.text``, cached: spaCy rebuilds it from the tokens on every access, which costs more
    than all the rules together on a long plan. The tokenizer stores it as it makes the Doc."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text
