"""Chinese word segmentation: jieba's dictionary and algorithm, run by jieba-rs where it is installed.

The pipeline segments in jieba's precise mode without HMM new-word guessing. ``rjieba`` (the
Python binding of jieba-rs, the Rust port of jieba) ships the same dictionary and the same
dynamic-programming search, so it gives the same words as ``jieba.lcut(text, HMM=False)``, many
times faster; ``tests/test_segmenter.py`` checks that token for token on the whole text corpus,
with user words added. jieba stays the reference and the fallback: where no ``rjieba`` wheel
exists for the platform the pipeline runs on jieba and says so once (a logged notice), so a slower
parse is never silent.

Both engines take user words the same way (``add_word(word, freq)``; without a frequency each
suggests one from the dictionary, by the same rule), so a plan is segmented identically whichever
engine runs.
"""
from __future__ import annotations

import logging
from typing import Protocol

ENGINES = ("auto", "rjieba", "jieba")
FALLBACK_NOTICE = ("policykg: rjieba is not installed for this platform, so words are segmented by the "
                   "pure-Python jieba (the same words, several times slower); `pip install rjieba` to speed it up")

_log = logging.getLogger("policykg.segmenter")
_noticed = False


class Segmenter(Protocol):
    """What the tokenizer needs from an engine: words of a text, and user words added."""
    engine: str

    def cut(self, text: str) -> list[str]: ...

    def add_word(self, word: str, freq: int | None = None) -> None: ...


class RustSegmenter:
    """jieba-rs through ``rjieba``: its own copy of jieba's dictionary, loaded in Rust."""
    engine = "rjieba"

    def __init__(self) -> None:
        import rjieba

        self._jieba = rjieba.Jieba()

    def cut(self, text: str) -> list[str]:
        return self._jieba.cut(text, False)

    def add_word(self, word: str, freq: int | None = None) -> None:
        self._jieba.add_word(word, freq, None)


class PythonSegmenter:
    """jieba itself, the reference: a private ``jieba.Tokenizer`` so the global one is left alone."""
    engine = "jieba"

    def __init__(self) -> None:
        import jieba

        jieba.setLogLevel(60)
        self._jieba = jieba.Tokenizer()
        self._jieba.initialize()

    def cut(self, text: str) -> list[str]:
        return self._jieba.lcut(text, HMM=False)

    def add_word(self, word: str, freq: int | None = None) -> None:
        self._jieba.add_word(word, freq)


def open_segmenter(engine: str = "auto") -> Segmenter:
    """A fresh segmenter: ``rjieba`` or ``jieba`` as named; ``auto`` takes rjieba when it imports
    and otherwise falls back to jieba, logging :data:`FALLBACK_NOTICE` once per process."""
    global _noticed
    if engine not in ENGINES:
        raise ValueError(f"unknown segmenter {engine!r}: choose one of {', '.join(ENGINES)}")
    if engine == "jieba":
        return PythonSegmenter()
    if engine == "rjieba":
        return RustSegmenter()
    try:
        return RustSegmenter()
    except ImportError:
        if not _noticed:
            _noticed = True
            _log.warning(FALLBACK_NOTICE)
        return PythonSegmenter()
