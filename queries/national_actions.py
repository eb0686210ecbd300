"""Which national action a measure serves: each measure of a plan is mapped to one of the ten actions
of 《2030年前碳达峰行动方案》, 政策保障 or 其他, with the similarity score kept so a reader can judge.

Method (no training data needed, every step inspectable):
* each label is described by the national plan's own text (``queries/data/national_actions.json``,
  see :mod:`queries.national_frame`);
* texts become bags of jieba words (two characters or more) plus character bigrams: the bigrams
  catch words jieba cuts differently in a local plan (``光伏`` inside ``分布式光伏``);
* weights are TF-IDF, the IDF taken over the national plan's numbered items, so words every
  action uses (``推进``, ``加快``) count for little;
* a measure is its title (weighted up: it states the measure's aim), its text and the title of
  the section it sits in (local plans often mirror the national action headings);
* the hand-labelled measure titles of the dev gold files (``queries/data/action_examples.json``)
  are added to their label's description: the national text says little about what local plans
  file under 其他 or 政策保障 (服务业, 统计监测); with them, leave-one-plan-out accuracy on the dev
  plans rose from 0.81 to 0.85 (README, "Comparing plans");
* the label is the one whose description is most cosine-similar (其他 has a description too:
  the national plan's 国际合作 part and its examples); ``score`` and the runner-up are kept.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Iterable

from .national_frame import LABELS, Frame, default_frame
from .similarity import TfIdf, Vector, cosine, terms

if TYPE_CHECKING:
    from policykg.extractor.model import Plan

@dataclass(frozen=True)
class ActionMatch:
    """The label chosen for one measure, how similar it was, and the next best label."""
    action: str
    score: float
    runner_up: str
    runner_up_score: float

    def as_dict(self) -> dict:
        return {"action": self.action, "score": round(self.score, 4), "runner_up": self.runner_up,
                "runner_up_score": round(self.runner_up_score, 4)}


@dataclass(frozen=True)
class Example:
    """A measure title labelled by hand, and the plan (source file name) it comes from."""
    label: str
    title: str
    plan: str


@lru_cache(maxsize=1)
def default_examples() -> tuple[Example, ...]:
    """The labelled titles shipped in ``queries/data/action_examples.json``."""
    text = resources.files("policykg.queries").joinpath("data/action_examples.json").read_text(encoding="utf-8")
    return tuple(Example(e["label"], e["title"], e["plan"]) for e in json.loads(text)["examples"])


@dataclass
class Weights:
    """How much each part of a text counts (repetitions of its terms)."""
    measure_title: int = 2
    measure_text: int = 1
    section_title: int = 1
    action_heading: int = 3
    item_title: int = 1


@dataclass
class ActionClassifier:
    """Nearest national-action description by TF-IDF cosine similarity."""
    frame: Frame = field(default_factory=default_frame)
    examples: tuple[Example, ...] = field(default_factory=default_examples)
    weights: Weights = field(default_factory=Weights)

    def __post_init__(self) -> None:
        docs = [terms(a.heading + a.intro) for a in self.frame.actions]
        docs += [terms(i.title + i.text) for a in self.frame.actions for i in a.items]
        self._weights = TfIdf(docs)
        w = self.weights
        bags: dict[str, list[str]] = {}
        for a in self.frame.actions:
            bag = bags.setdefault(a.label, terms(a.heading) * w.action_heading + terms(a.intro))
            for item in a.items:
                bag += terms(item.title) * w.item_title + terms(item.text)
        for example in self.examples:
            bags.setdefault(example.label, []).extend(terms(example.title))
        self._labels: dict[str, Vector] = {label: self._vector(bag) for label, bag in bags.items()}

    def _vector(self, bag: Iterable[str]) -> Vector:
        return self._weights.vector(bag)

    def classify(self, title: str, text: str = "", section_title: str = "") -> ActionMatch:
        """The label for a measure given its title, body text and the title of its section."""
        w = self.weights
        vec = self._vector(terms(title) * w.measure_title + terms(text) * w.measure_text
                           + terms(section_title) * w.section_title)
        scores = sorted(((cosine(vec, lv), label) for label, lv in self._labels.items()),
                        reverse=True)
        (best, label), (second, runner_up) = scores[0], scores[1]
        return ActionMatch(label, best, runner_up, second)

    def classify_plan(self, plan: "Plan") -> dict[str, ActionMatch]:
        """Every measure of a plan, by measure id."""
        titles = {s.id: s.title for s in plan.sections}
        return {m.id: self.classify(m.title, m.text, titles.get(m.section or "", "")) for m in plan.measures}


__all__ = ["ActionClassifier", "ActionMatch", "Example", "LABELS", "Weights", "default_examples", "terms"]
