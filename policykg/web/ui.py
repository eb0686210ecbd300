"""The interface's words, in Chinese (the default) or English, from one data file.

``data/ui.json`` holds every label of the pages once, its Chinese and English side by side:
``words`` (headings, buttons, hints, messages; ``{name}`` marks a value filled in) and the
closed vocabularies shown by name (``levels``, ``roles``, ``comparators``, ``directions``,
``verdicts``). Only the interface changes with the language: a plan's own words (titles,
measures, units, regions, indicators, warnings) are shown as the plan printed them.

The language is ``?lang=en`` or ``?lang=zh`` on any page, kept in a cookie for the pages after;
without either, Chinese.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

LANGUAGES = ("zh", "en")
DEFAULT = "zh"
COOKIE = "lang"
HTML_LANG = {"zh": "zh-CN", "en": "en"}


class Words:
    """The labels of one language, read as attributes in templates (``L.plans``). An unknown
    label raises, so a misspelt one fails the page instead of showing nothing."""

    def __init__(self, table: Mapping[str, str]):
        self._table = dict(table)

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._table[name]
        except KeyError:
            raise KeyError(f"no interface word {name!r} in policykg/web/data/ui.json") from None

    def format(self, label: str, /, **values: Any) -> str:
        """The label with its ``{…}`` places filled."""
        return getattr(self, label).format(**values)


@lru_cache(maxsize=1)
def _data() -> dict[str, dict[str, dict[str, str]]]:
    text = resources.files("policykg.web").joinpath("data/ui.json").read_text(encoding="utf-8")
    return json.loads(text)


def vocabulary(group: str, lang: str) -> dict[str, str]:
    """One group of ``ui.json`` in one language: ``vocabulary("roles", "en")["lead"]`` is ``lead``."""
    return {key: entry[lang] for key, entry in _data()[group].items()}


@lru_cache(maxsize=None)
def words(lang: str) -> Words:
    return Words(vocabulary("words", lang))


def choose(asked: str | None, remembered: str | None) -> str:
    """The page's language: the one asked for in the address, else the cookie's, else Chinese."""
    for lang in (asked, remembered):
        if lang in LANGUAGES:
            return lang
    return DEFAULT
