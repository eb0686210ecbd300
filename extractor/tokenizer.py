"""The pipeline's tokenizer: the Doc is built straight from the segmenter's words.

spaCy's own ``zh`` tokenizer runs jieba and then re-aligns the words with the text to recover
white space. The text the pipeline reads is normalised and its words cover it exactly (newlines
and spaces are words of their own), so the Doc is made from the words with no spaces between
them, and the text is kept on the Doc so no component has to re-join the tokens.

Department names (canonical names and aliases) are added to the segmenter's dictionary, so each
is one token and the entity ruler can match it as a phrase of one word.
"""
from __future__ import annotations

from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .extensions import TEXT_KEY
from .segmenter import Segmenter, open_segmenter

# Frequency given to every department name: high enough that jieba keeps a name whole.
NAME_FREQ = 20000


class WordTokenizer:
    """Segments with :mod:`extractor.segmenter` (jieba-rs, or jieba) and builds the Doc from the words."""

    def __init__(self, vocab: Vocab, segmenter: Segmenter, words: dict[str, int | None]):
        self.vocab = vocab
        self.segmenter = segmenter
        for word, freq in words.items():
            segmenter.add_word(word, freq)

    def __call__(self, text: str) -> Doc:
        words = self.segmenter.cut(text)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data[TEXT_KEY] = text
        return doc

    def add_word(self, word: str, freq: int | None = NAME_FREQ) -> None:
        """A user word, as ``jieba.add_word``: later Docs keep it as one token."""
        self.segmenter.add_word(word, freq)


@registry.tokenizers("policykg.word_tokenizer.v1")
def create_word_tokenizer(segmenter: str = "auto"):
    """The tokenizer factory named in the pipeline's config; ``segmenter`` is ``auto``, ``rjieba``
    or ``jieba`` (see :func:`extractor.segmenter.open_segmenter`)."""
    from .departments import all_names

    def make(nlp) -> WordTokenizer:
        return WordTokenizer(nlp.vocab, open_segmenter(segmenter), dict.fromkeys(sorted(all_names()), NAME_FREQ))

    return make
