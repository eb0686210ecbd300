"""Text similarity for matching measures: bags of words weighted by TF-IDF, compared by cosine.

Shared by the national-action classifier (``queries.national_actions``) and the parent–child
measure matcher (``queries.measure_match``), so both read a text the same way: jieba words of two
characters or more plus character bigrams (the bigrams catch words jieba cuts differently in a
local plan, ``光伏`` inside ``分布式光伏``), and IDF weights so that words every measure uses
(``推进``, ``加快``) count for little.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterable

_WORDLIKE = re.compile(r"[\u4e00-\u9fffA-Za-z]")
Vector = dict[str, float]


def terms(text: str) -> list[str]:
    """jieba words of two characters or more, plus the character bigrams of the text."""
    import jieba

    jieba.setLogLevel(60)
    words = [w for w in jieba.lcut(text) if len(w) >= 2 and _WORDLIKE.search(w)]
    bigrams = [text[i:i + 2] for i in range(len(text) - 1)
               if _WORDLIKE.match(text[i]) and _WORDLIKE.match(text[i + 1])]
    return words + bigrams


class TfIdf:
    """IDF weights learnt from a set of documents (bags of terms); unit-length vectors."""

    def __init__(self, documents: Iterable[list[str]]):
        documents = list(documents)
        df = Counter(t for d in documents for t in set(d))
        self._idf = {t: math.log((len(documents) + 1) / (n + 1)) + 1 for t, n in df.items()}
        self._default = math.log(len(documents) + 1) + 1

    def vector(self, bag: Iterable[str]) -> Vector:
        counts = Counter(bag)
        vec = {t: (1 + math.log(n)) * self._idf.get(t, self._default) for t, n in counts.items()}
        norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
        return {t: x / norm for t, x in vec.items()}


def cosine(a: Vector, b: Vector) -> float:
    """Cosine similarity of two unit-length vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())
