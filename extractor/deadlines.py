"""Deadlines of measures: ``完成时限：2022年底前`` read as printed words plus the date they fall on.

Plans print a measure's deadline after a label (``完成时限`` / ``完成期限`` / ``时间节点`` …, in
``extractor/data/deadlines.json``), inside its unit clause (``（责任单位：省发展改革委；完成时限：2022年4月）``,
``责任部门：气候处，完成期限：2021年四季度``) or on a line of its own, and in the 完成时限 column of
a task table. The printed words are kept whole; the date is the *last* day they allow, so a list of
measures sorted by date puts each where it is due:

- ``2022年底前``, ``2022年``, ``2022年前`` → 2022-12-31 (``X前`` means "by X", as years are read
  for targets: ``2030年前`` is 2030);
- ``2022年6月底前``, ``2022年6月`` → 2022-06-30; ``2022年6月15日前`` → 2022-06-15;
- ``2021年四季度`` → 2021-12-31; ``2022年上半年`` → 2022-06-30;
- ``“十四五”期间`` → 2025-12-31; a span ``2021—2023年`` → its end;
- ``8月底`` (no year, common in an annual work plan) → that month of the plan's own year, when
  the plan's year is known;
- ``长期坚持``, ``持续推进``, ``按国家部署``, ``每年3月底前`` → no date (null): the words stay,
  nothing is invented.

Where a measure prints several deadlines (one per clause), the latest date is the measure's (it
is done when its last part is); where none has a date, the last printed.
"""
from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "deadlines.json"

_CN_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
               "十": 10, "十一": 11, "十二": 12}
_QUARTER_END = {1: 3, 2: 6, 3: 9, 4: 12}
_HALF_END = {"上": 6, "下": 12}


@dataclass(frozen=True)
class DeadlineMatch:
    """One printed deadline: ``text`` the words after the label (``start``/``end``, offsets of
    the text searched), ``label_start`` where its label begins (so the whole phrase can be cut
    out of a measure's body), ``date`` ISO 8601 or None."""
    text: str
    date: str | None
    start: int
    end: int
    label_start: int


@dataclass(frozen=True)
class _Vocabulary:
    label: re.Pattern
    recurring: re.Pattern
    periods: dict[str, int]


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    from .targets import periods

    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    labels = "|".join(sorted(map(re.escape, data["labels"]), key=len, reverse=True))
    colons = re.escape(json.loads((DATA_FILE.parent / "unit_clauses.json").read_text(encoding="utf-8"))["colons"])
    ends = re.escape(data["ends"])
    # the label, a colon, then the words up to the end of the clause (bounded: a deadline is short)
    label = re.compile(rf"(?:{labels})[ \t]*[{colons}][ \t]*(?P<words>[^{ends}]{{1,40}})")
    recurring = re.compile("|".join(map(re.escape, data["recurring"])))
    return _Vocabulary(label, recurring, periods())


_YEAR = r"(?P<y>(?:19|20)\d{2})年?(?:度)?"
_MONTH = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?:份)?"
_DATE = re.compile(
    rf"(?:(?P<y0>(?:19|20)\d{{2}})\s*[—–\-－~～至到]\s*)?"
    rf"(?:{_YEAR})?"
    rf"(?:{_MONTH}(?:(?P<d>[0-3]?\d)日)?"
    rf"|(?:第)?(?P<q>[一二三四1-4])季度"
    rf"|(?P<h>[上下])半年)?")
_PERIOD = re.compile(r"“?(?P<p>十[一二三四五六七八九]五)”?")


def deadline_date(words: str, plan_year: int | None = None) -> str | None:
    """The last day ``words`` allow, as ``YYYY-MM-DD``; None when they name no date.

    ``plan_year`` dates a month or quarter printed without a year (``8月底``). A recurring
    deadline (``每年3月底前``) has no one date."""
    if _vocabulary().recurring.search(words):
        return None
    best: str | None = None
    for date in _dates(words, plan_year):
        if best is None or date > best:
            best = date
    return best


def _dates(words: str, plan_year: int | None):
    periods = _vocabulary().periods
    for m in _PERIOD.finditer(words):
        if m["p"] in periods:
            yield f"{periods[m['p']]:04d}-12-31"
    for m in _DATE.finditer(words):
        if not (m["y"] or m["m"] or m["q"] or m["h"]):
            continue
        if m["y"]:
            year = int(m["y"])
        elif plan_year is not None and not m["h"]:
            year = plan_year
        else:
            continue
        if m["m"]:
            month = _number(m["m"])
            day = int(m["d"]) if m["d"] else calendar.monthrange(year, month)[1]
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                continue
        elif m["q"]:
            month = _QUARTER_END[_number(m["q"])]
            day = calendar.monthrange(year, month)[1]
        elif m["h"]:
            month, day = _HALF_END[m["h"]], 30 if m["h"] == "上" else 31
        else:
            month, day = 12, 31
        yield f"{year:04d}-{month:02d}-{day:02d}"


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _CN_NUMBERS[text]


def find_deadlines(text: str, start: int = 0, end: int | None = None,
                   plan_year: int | None = None) -> list[DeadlineMatch]:
    """Every labelled deadline in ``text[start:end]``, in the order printed."""
    end = len(text) if end is None else end
    found = []
    for m in _vocabulary().label.finditer(text, start, end):
        words = m["words"].rstrip()
        if not words:
            continue
        a = m.start("words")
        found.append(DeadlineMatch(words, deadline_date(words, plan_year), a, a + len(words), m.start()))
    return found


def latest(deadlines: list[DeadlineMatch]) -> DeadlineMatch | None:
    """The measure's deadline among several: the latest dated one, else the last printed."""
    dated = [d for d in deadlines if d.date is not None]
    if dated:
        return max(dated, key=lambda d: d.date)
    return deadlines[-1] if deadlines else None
