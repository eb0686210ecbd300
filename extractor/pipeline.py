"""The spaCy pipeline: a blank Chinese ``Language`` whose tokenizer segments with jieba's dictionary
(jieba-rs where installed, :mod:`extractor.segmenter`), an entity ruler fed from the department data,
and policykg's components. This is the only module that assembles them.

No statistical model is loaded or downloaded: every component is rule-based and says so.

It is used the spaCy way: ``build_pipeline()(text)`` runs every component on any text (a plan,
a sentence, an empty string) and fills every ``doc._`` attribute. Each component registers its
own factory with its settings in ``default_config`` (``extractor/components/``); the tokenizer is
named in the config too, so ``nlp.config`` says how the pipeline was built. Segmentation runs in
jieba's precise mode without HMM new-word discovery: the rules read characters, department names
are in the dictionary, and HMM guessing only changes how unknown words are grouped.
"""
from __future__ import annotations

import importlib
import sys
from functools import lru_cache

# pipe name -> module whose factory ``policykg_<name>`` makes it, in pipeline order
COMPONENTS = {
    "metadata": "policykg.extractor.components.metadata",
    "headings": "policykg.extractor.components.headings",
    "units": "policykg.extractor.components.units",
    "deadlines": "policykg.extractor.components.deadlines",
    "targets": "policykg.extractor.components.targets",
    "citations": "policykg.extractor.components.citations",
}


@lru_cache(maxsize=None)
def build_pipeline(segmenter: str = "auto"):
    """The pipeline, built once per process and segmenter (``auto``, ``rjieba`` or ``jieba``)."""
    import spacy

    from . import tokenizer  # noqa: F401  (registers the tokenizer named in the config)
    from .departments import alias_table
    from .extensions import declare

    declare()
    for module in COMPONENTS.values():
        importlib.import_module(module)  # each module registers its factory
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "policykg.word_tokenizer.v1",
                                                          "segmenter": segmenter}}})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns([{"label": "ORG", "pattern": printed, "id": f"{entry.region}|{entry.name}"}
                        for entry in alias_table() for printed in (entry.name, *entry.aliases)])
    for name in COMPONENTS:
        nlp.add_pipe(f"policykg_{name}", name=name)
    # spaCy refuses texts over a million characters (E088) because its parser and NER models
    # need about 1 GB per 100,000; this pipeline has neither, and every component is linear in
    # the text, so a long plan is parsed whole and its spans stay those of one text
    nlp.max_length = sys.maxsize
    return nlp


def run(text: str):
    """Process normalised text; returns the Doc with every ``doc._`` attribute filled."""
    return build_pipeline()(text)
