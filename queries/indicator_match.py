"""Indicator names for comparison: the canonical name when ``extractor/data/indicators.jsonl`` knows the
printed name, else a *proposed* match found by character n-gram similarity.

A proposal is never merged: the unseen name keeps its own row in a comparison, and the proposal
(with its score) is listed beside it so an analyst can confirm it by adding the name as a synonym
to the indicator file. Character n-grams need no segmenter and tolerate the small rewordings
plans use (``非化石能源消费占一次能源比重`` vs ``非化石能源消费比重``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from policykg.extractor.indicators import IndicatorIndex, default_index, normalise

MIN_SIMILARITY = 0.5


@dataclass(frozen=True)
class IndicatorName:
    """How one printed indicator name is read: ``status`` is ``known`` (in the synonym file) or
    ``unseen``; an unseen name may carry a ``proposed`` canonical name and its similarity."""
    printed: str
    name: str
    unit: str | None
    status: str
    proposed: str | None = None
    similarity: float | None = None


@lru_cache(maxsize=8192)
def ngrams(text: str, sizes: tuple[int, ...] = (2, 3)) -> frozenset[str]:
    """Character n-grams of the given sizes (the text itself when shorter); remembered, since a
    comparison measures every unseen name against every known one."""
    grams = frozenset(text[i:i + n] for n in sizes for i in range(len(text) - n + 1))
    return grams or frozenset({text})


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the two names' character bi- and trigrams, in [0, 1]."""
    ga, gb = ngrams(a), ngrams(b)
    return 2 * len(ga & gb) / (len(ga) + len(gb))


@dataclass
class IndicatorMatcher:
    """Reads printed indicator names against an :class:`IndicatorIndex`."""
    index: IndicatorIndex
    min_similarity: float = MIN_SIMILARITY

    def __post_init__(self) -> None:
        self._known = {normalise(form): ind.name for ind in self.index.indicators
                       for form in (ind.name, *ind.synonyms)}

    def read(self, printed: str, candidates: Iterable[str] = ()) -> IndicatorName:
        """The reading of ``printed``; ``candidates`` are further names (e.g. the other plans'
        indicators) an unseen name may be proposed to match."""
        form = normalise(printed)
        if form in self._known:
            ind = self.index.canonical(printed)
            return IndicatorName(printed, ind.name, ind.unit, "known")
        pool = {**{normalise(c): normalise(c) for c in candidates if normalise(c) != form}, **self._known}
        best, score = None, 0.0
        for other, name in pool.items():
            s = similarity(form, other)
            if s > score:
                best, score = name, s
        if best is not None and score >= self.min_similarity:
            return IndicatorName(printed, form, None, "unseen", best, round(score, 3))
        return IndicatorName(printed, form, None, "unseen")


@lru_cache(maxsize=1)
def default_matcher() -> IndicatorMatcher:
    return IndicatorMatcher(default_index())
