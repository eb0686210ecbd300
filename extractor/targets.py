"""Dated quantitative targets (``到2025年，非化石能源消费比重提升至56%左右``) found in normalised plan text.

A plan commits to numbers in running prose, several to a sentence, and mixes them with numbers that
are no commitment: names (``220千伏变电站``), thresholds that define a group
(``年综合能耗1000吨标准煤以上的公共建筑``), subsidy amounts, years, titles and durations. The rules:

* A sentence ends at ``。`` or a line end (``；`` does not end it). A year cue (``到2025年``,
  ``2030年前``, ``2025年底``, ``2022年起``, ``“十四五”期间`` → 2025) dates the numbers that follow it in
  the same sentence until the next cue; a number with no cue before it in its sentence is no target,
  unless its own clause prints the year after it, before the verb (``…等5条铁路专用线力争2022年建成投用``).
  A figure for every year (``每年深松耕地面积1000万亩``) has no year to be reached by: no target.
* A quantity directly followed by a noun is the object of a verb (``建成110公里自行车骨干网络``) when
  a verb, a comparator or a list (``等``, ``、``) stands right before it; otherwise it modifies the
  noun (``300米覆盖率达到85%``) and is no target.
* The comparator comes from the word right before the number (``不低于``, ``超过``, ``约``) or right
  after it (``以上``, ``以内``, ``左右``), a range gives ``range``; the direction from the verb of
  change (``下降13%`` decrease, ``新增5万千瓦`` increase; ``提升至``/``降至``/``控制在`` reach a level).

Everything the rules match on, the cue words, is data: ``extractor/data/target_cues.json``. Input is
text normalised by ``extractor.normalize`` (ASCII digits and ``%``, full-width ``（）：；``). The
module works on character offsets only and knows nothing of spaCy; the pipeline's ``targets``
component wraps it.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from .labels import Comparator, Direction
from .numbers import QuantityMatch, find_quantities, lone_multiplier, parse_quantity

CUES_FILE = Path(__file__).parent / "data" / "target_cues.json"

_SENTENCE_END = re.compile(r"[。！？!?\n]")
_CLAUSE_END = re.compile(r"[，；：,;。！？!?\n\t]")
_TITLES = re.compile(r"《[^《》\n]*》")
_QUOTED = re.compile(r"“[^“”\n]{0,40}”|《[^《》\n]*》")
_CJK_OR_NAME = re.compile(r"[\u4e00-\u9fff“A-Za-z0-9（]")
_MONTH = re.compile(r"\d{1,2}月")
_SERIES_SPLIT = re.compile(r"[、和及与]")
_LEADING_NUMBER = re.compile(r"[\d.,]+")
_NOUN_STOP = re.compile(r"[，,；：。、（）\n\t]|并|且|同时")
_NOTE_IN_NOUN = re.compile(r"（[^（），。；\n]{1,3}）(?=[\u4e00-\u9fff])")
_NOTE_ITEM = re.compile(r"[ \t　]*(?:(\d{1,2})[.、．]|([①-⑳]))")
_HEADING_START = re.compile(r"[ \t　]*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十百]+[章节条])")
_LINE_ENDS_SENTENCE = re.compile(r"[。；;！？!?]\s*$")


@dataclass(frozen=True)
class FoundTarget:
    """One dated quantitative target: ``[start, end)`` spans the phrase from indicator to comparator
    word, ``value_span`` the number with its unit; ``text`` is the phrase as printed."""
    start: int
    end: int
    indicator: str
    value: float
    value_max: float | None
    unit: str
    comparator: Comparator
    direction: Direction
    year: int
    baseline_year: int | None
    modality: str | None
    text: str
    value_span: tuple[int, int]
    rate: str | None = None
    """``annual`` for a rate per year (``年均增长15%``, ``年新增8.5亿千瓦时``), else None."""
    year_basis: str | None = None
    """Where the year came from when the sentence prints none (the annual plan's own year for
    ``全年新建…``, the objectives section's year), else None: the caller warns about it."""


@dataclass(frozen=True)
class FoundGoal:
    """A dated goal with no number (``如期实现碳达峰目标``); ``[start, end)`` spans its clause."""
    start: int
    end: int
    year: int | None
    text: str


@dataclass(frozen=True)
class Problem:
    """A number that reads like a target but could not be read; the caller reports it as a warning."""
    start: int
    end: int
    message: str


@dataclass
class TargetScan:
    """What ``find_targets`` found, each list in text order."""
    targets: list[FoundTarget] = field(default_factory=list)
    goals: list[FoundGoal] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unread_tables: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class _Cue:
    """A cue word found before a quantity, with what it says about comparator and direction."""
    start: int
    end: int
    comparator: Comparator
    direction: Direction
    adjacent_only: bool


@dataclass(frozen=True)
class _YearCue:
    start: int
    end: int
    year: int | None  # None: a past period or year, which ends the dating of earlier cues
    basis: str | None = None  # why this year, when the text does not print it
    first: int | None = None  # the first year of a printed span of years (2022 of 2022至2025年)


def find_targets(text: str, start: int = 0, end: int | None = None, *,
                 plan_year: int | None = None, skip: list[tuple[int, int]] = (),
                 dated: list[tuple[int, int, int, str]] = (),
                 annual_year: int | None = None, period_end: int | None = None,
                 deadlines: list[tuple[int, int, str]] = ()) -> TargetScan:
    """Find the dated quantitative targets, the dated goals without a number and the unreadable
    would-be targets in ``text[start:end]``.

    ``plan_year``, when known, marks years before it (and periods that ended before it) as past:
    numbers after them are history, not targets. ``skip`` are sorted ranges read otherwise (the
    rows of indicator tables, ``extractor.indicator_tables``). ``dated`` are ``(start, end,
    year, basis)`` parts whose sentences without a year of their own are dated by that year: the
    objectives section of a plan (``三、发展目标`` opened by ``到2025年``). ``annual_year`` is the year
    an annual plan is for: its words for the current year (``全年``, ``年内``, ``年底前``) date
    a sentence as a printed year would. ``period_end`` is the last year of the span the plan's
    title names (``（2022-2024年）``): its words for the end of that span (``经过三年努力``,
    ``到规划期末``) date a sentence likewise. ``deadlines`` are ``(label start, year, words)`` of the
    items' printed deadlines (``完成期限：2021年四季度``, ``extractor.deadlines``): one dates the numbers
    of its sentence when no year stands before it. Targets dated any of these ways carry a
    ``year_basis``.
    """
    end = len(text) if end is None else end
    lex = _lexicon()
    titles = _Spans([(m.start(), m.end()) for m in _TITLES.finditer(text, start, end)])
    skipped = _Spans(sorted(list(skip) + _note_spans(text, start, end, lex)))
    years = [c for c in lex.year_cues(text, start, end, plan_year, annual_year, period_end)
             if not titles.covers(c.start) and not skipped.covers(c.start)]
    years = sorted(years + _deadline_cues(text, start, end, deadlines, years), key=lambda c: (c.start, c.end))
    scan = TargetScan()
    if not years and not dated:
        return scan
    quoted = _Spans([(m.start(), m.end()) for m in _QUOTED.finditer(text, start, end)])
    # only sentences with a year cue can hold a target: read numbers there and nowhere else
    stops = [m.start() for m in _SENTENCE_END.finditer(text, start, end)] + [end]
    by_sentence: dict[int, list[_YearCue]] = {}
    for cue in years:
        by_sentence.setdefault(bisect_left(stops, cue.end), []).append(cue)
    _carry_paragraph_years(text, stops, by_sentence, lex)
    for a, b, year, basis in dated:
        for i in range(bisect_left(stops, a), bisect_left(stops, b)):
            s_start = stops[i - 1] + 1 if i else start
            if s_start < a:
                continue
            if i in by_sentence:
                _date_before_semicolon(text, s_start, by_sentence[i], lex)
            # a row of bare figures (a table the reader printed as text) names no verb: no target;
            # a sentence that gives itself a time of its own (用5年左右时间) is not the part's
            elif lex.names_verb(text, s_start, stops[i]) and not lex.names_own_time(text, s_start, stops[i]):
                by_sentence[i] = [_YearCue(s_start, s_start, year, basis)]
    for i, cues in sorted(by_sentence.items()):
        s_start = stops[i - 1] + 1 if i else start
        sentence = _Sentence(text, s_start, stops[i], cues, titles, lex)
        quantities = [q for q in _sentence_quantities(text, s_start, stops[i], lex)
                      if not quoted.covers(q.start) and not skipped.covers(q.start)]
        for j, q in enumerate(quantities):
            sentence.read(q, quantities[j + 1:], scan)
        scan.goals.extend(sentence.goals())
    return scan


def _note_spans(text: str, start: int, end: int, lex: "_Lexicon") -> list[tuple[int, int]]:
    """The notes under a table or a list (``注：1.具体目标最终以省分解任务为准；2.…``): they say how
    the figures are counted or where they come from, and commit to none. A note runs from the line
    its opener starts over its items numbered in turn and over each line that goes on a line not
    ending a sentence (a PDF wraps ``…划定方案调整`` / ``为12374.6公顷…``), never over a heading."""
    spans = []
    for m in lex.note_opener.finditer(text, start, end):
        number = _item_number(text, m.end())
        if number is None and _line_end(text, m.end(), end) == m.end():
            number = 0                        # 注： alone on its line: its items follow from 1
        line_start, line_stop = m.start(), _line_end(text, m.start(), end)
        while line_stop < end:
            nxt = line_stop + 1
            item = _item_number(text, nxt)
            wrapped = not _LINE_ENDS_SENTENCE.search(text, line_start, line_stop)
            if item is not None and number is not None and item == number + 1:
                number = item
            elif not wrapped or item is not None or _HEADING_START.match(text, nxt) or nxt == _line_end(text, nxt, end):
                break
            line_start, line_stop = nxt, _line_end(text, nxt, end)
        spans.append((m.start(), line_stop))
    return spans


def _item_number(text: str, pos: int) -> int | None:
    """The number of a note's item starting at ``pos`` (``2.``, ``②``), if one does."""
    m = _NOTE_ITEM.match(text, pos)
    if m is None:
        return None
    return int(m[1]) if m[1] else ord(m[2]) - ord("①") + 1


def _line_end(text: str, pos: int, end: int) -> int:
    stop = text.find("\n", pos, end)
    return end if stop < 0 else stop


def _sentence_quantities(text: str, start: int, end: int, lex: "_Lexicon") -> list[QuantityMatch]:
    """The quantities of a sentence in text order: those ``find_quantities`` reads, and a multiplier
    printed without a digit right after a verb and right before the noun it counts (``开发推广万种绿色
    低碳产品``: 10000 种), the one place where such a word is a count rather than part of another word
    or a class of things (``实施亿元以上的项目``, ``完成百亩以上连片池塘改造``)."""
    found = list(find_quantities(text, start, end))
    taken = _Spans([(q.start, q.end) for q in found])
    lone = [q for pos in lex.verb_ends(text, start, end) if (q := lone_multiplier(text, pos, end))
            and not taken.covers(q.start) and not lex.suffix.match(text, q.end, end)]
    return sorted(found + lone, key=lambda q: q.start)


def _deadline_cues(text: str, start: int, end: int, deadlines: list[tuple[int, int, str]],
                    years: list[_YearCue]) -> list[_YearCue]:
    """A sentence that prints no year before its item's deadline (``…完成削减替代燃煤140万吨（责任部门：
    大气环境处，完成期限：2021年四季度）``) is dated by the deadline's year: the numbers before the
    label are the work due then. The cue stands at the sentence's start, with the deadline as basis."""
    found = []
    if not deadlines:
        return found
    sentence_starts = [start] + [m.end() for m in _SENTENCE_END.finditer(text, start, end)]
    for label_start, year, words in deadlines:
        s_start = sentence_starts[bisect_right(sentence_starts, label_start) - 1]
        if any(s_start <= c.start < label_start for c in years):
            continue
        found.append(_YearCue(s_start, s_start, year, f"its deadline ({words})"))
    return found


def _date_before_semicolon(text: str, s_start: int, cues: list[_YearCue], lex: "_Lexicon") -> None:
    """In an objectives part, a sentence whose first year opens a clause after a ``；`` (``能源消费总量
    控制在1.89亿吨标准煤以内…；以2020年…为基数，2025年…下降5%``) states one set of goals: the clauses
    before the ``；`` are dated by that year too. A past year dates nothing, nor does a year inside a
    clause (``…；森林覆盖率达到36.5%，为实现2030年前碳达峰奠定基础``: the time of another goal)."""
    first = cues[0]
    if first.year is None or first.start <= s_start or text.rfind("；", s_start, first.start) < 0:
        return
    clause_start = max(m.end() for m in _CLAUSE_END.finditer(text, s_start, first.start))
    if lex.strip_tail(text[clause_start:first.start]):
        return
    cues.insert(0, _YearCue(s_start, s_start, first.year, f"the year after its ；({text[first.start:first.end]})"))


def _carry_paragraph_years(text: str, stops: list[int], by_sentence: dict[int, list[_YearCue]],
                           lex: "_Lexicon") -> None:
    """A paragraph that opens with a year (``到2025年，初步形成…。全市…比重达到8%以上``), maybe after a
    hedge (``力争到2025年，…``), dates its later sentences too; a year a later sentence names takes
    over from where it stands. A report of
    a plan opens with who issued it first (``…印发《…》提出，到2025年，…。全省森林覆盖率要达到36.5%``):
    the year after that lede opens the paragraph as well."""
    for i in sorted(by_sentence):
        cue = by_sentence[i][0]
        line_start = text.rfind("\n", 0, cue.start) + 1
        before = text[line_start:cue.start]
        if not lex.opens_paragraph(before) or cue.year is None:
            continue  # the year does not open its paragraph
        j = i + 1
        while j < len(stops) and text[stops[j - 1]:stops[j - 1] + 1] != "\n":
            own = by_sentence.get(j, [])
            if cue not in own:
                by_sentence[j] = [cue, *own]
            j += 1


class _Sentence:
    """The reading state of one dated sentence: its year cues and the targets found so far."""

    def __init__(self, text: str, start: int, end: int, years: list[_YearCue], titles: "_Spans",
                 lex: "_Lexicon"):
        self.text, self.start, self.end, self.titles, self.lex = text, start, end, titles, lex
        self.years = years
        self.year_ends = [cue.end for cue in years]
        self.clause_starts = [start] + [m.end() for m in _CLAUSE_END.finditer(text, start, end)]
        self.targets: list[FoundTarget] = []
        self.prev_end = start          # end of the last target (with its comparator word)
        self.prev_quantity_end = start  # end of the last quantity, target or not
        self.prev_cue: _Cue | None = None
        self.series: list[str] = []     # indicators listed before 分别, still to be taken up
        self.sharing: list[str] = []    # the other indicators the last number is given to

    def year_before(self, pos: int) -> _YearCue | None:
        """The year cue in force at ``pos``: the last one before it. Years listed together and
        taken up by 分别 (``到2025年和2030年，…分别达到20%和25%``) go to the numbers in turn."""
        i = bisect_right(self.year_ends, pos) - 1
        while i >= 0 and self._in_closed_bracket(self.years[i], pos):
            i -= 1
        if i < 0:
            return None
        first = i
        while first > 0 and self.lex.joins(self.text[self.years[first - 1].end:self.years[first].start]):
            first -= 1
        if first == i or self.lex.respectively not in self.text[self.years[i].end:pos]:
            return self.years[i]
        taken = sum(1 for t in self.targets if t.value_span[0] > self.years[i].end)
        return self.years[min(first + taken, i)]

    def _in_closed_bracket(self, cue: _YearCue, pos: int) -> bool:
        """Whether ``cue`` stands in a bracket closed before ``pos``: a stage on the way
        (``到2022年，…比例达到70%以上（其中，2021年达到60%），星级…占比达到20%以上``) dates its bracket
        only, and after it the year before the bracket is in force again."""
        opened = self.text.rfind("（", self.start, cue.start)
        return opened > self.text.rfind("）", self.start, cue.start) and 0 <= self.text.find("）", cue.end, pos)

    def read(self, q: QuantityMatch, later: list[QuantityMatch], scan: TargetScan) -> None:
        """Decide whether ``q`` is a target and, if so, read it; ``later`` are the quantities after
        it in the sentence (they bound the noun an object quantity takes)."""
        text, lex = self.text, self.lex
        quantity_end_before = self.prev_quantity_end
        self.prev_quantity_end = q.end
        year = self._year_after_count(q) or self.year_before(q.start)
        if year is None or year.year is None or self._is_not_a_target(q):
            return
        clause_start = self._clause_start(q.start)
        if lex.says_done(text[clause_start:q.start]):
            return  # "已建成充电桩5万个": a fact, not a commitment
        win_start = max(clause_start, self.prev_end, year.end if year.end <= q.start else 0)
        suffix = lex.suffix.match(text, q.end, self.end)
        phrase_end = suffix.end() if suffix else q.end
        year = self._year_in_span(year, q, phrase_end, later)
        follows_noun = self._noun_follows(phrase_end)
        if suffix is None and lex.respectively in text[clause_start:q.start]:
            suffix = self._series_suffix(q, later)   # "分别稳定在95%和90%以上": both ge
        cues, adjacent = self._cues_before(win_start, q.start)
        if lex.names_cost(text[win_start:q.start]) and all(c.adjacent_only for c in cues):
            return  # "总投资1422亿元", "投资约66.2亿元": what the works cost, no goal; "完成技改投资…" is one
        share = max(text.rfind(word, win_start, q.start) for word in lex.share_words)
        if share >= 0:   # "装配式建筑占城镇新建民用建筑30%": 新建 belongs to the whole, not to the share
            cues = [c for c in cues if c is adjacent or c.start < share and not lex.names_subject(text, c)]
        if q.quantity.unit == "" and adjacent is None:
            return  # a bare number is a target only right after 达到/不高于/…: "PUE值不高于1.25"
        if q.bare and follows_noun:
            stop = self._noun_end(phrase_end, later)
            scan.problems.append(Problem(q.start, stop, "number without a known unit after a target cue: "
                                                        f"{text[q.start:stop]!r}"))
            return
        if follows_noun and self._tallies_named_works(q, win_start, phrase_end, later):
            return
        share_of_subject = False
        if follows_noun and not self._is_object(q, win_start, quantity_end_before, cues, later):
            share_of_subject = self._share_before_verb(q, phrase_end)
            if not share_of_subject:
                return  # a name or a group threshold: "300米覆盖率", "1000吨标准煤以上的公共建筑"
            cues = [adjacent] if adjacent else []   # the words before belong to the subject (新建…规模场)
        coordinated = not cues and not share_of_subject and bool(self.targets) \
            and (self.targets[-1].value_span[0] >= clause_start or self._lists_on(clause_start, q))
        comparator, direction = self._comparator_direction(q, cues, adjacent, suffix, coordinated)
        verbs_start = self._verbs_start(cues, q.start)
        indicator, ind_start, ind_end = self._indicator(q, win_start, verbs_start, cues, follows_noun,
                                                        phrase_end, later, direction is not Direction.LEVEL)
        value, value_max, unit = self._series_unit(q, later)
        direction = lex.amount_of_change(indicator, unit, comparator, direction)
        if direction is Direction.LEVEL and self._part_of_last(q, unit):
            direction = self.targets[-1].direction   # a part of an amount added is added too
        rate = lex.annual(text[win_start:verbs_start], indicator, direction)
        if rate is None and coordinated and self.targets:
            rate = self.targets[-1].rate
        phrase_start = min(ind_start, q.start)
        phrase_stop = max(ind_end, phrase_end)
        target = FoundTarget(
            start=phrase_start, end=phrase_stop, indicator=indicator,
            value=value, value_max=value_max, unit=unit,
            comparator=comparator, direction=direction, year=year.year,
            baseline_year=self._baseline(clause_start, q, ind_start == ind_end, (indicator, direction, rate)),
            modality=self._modality(q, clause_start, year, coordinated),
            text=text[phrase_start:phrase_stop], value_span=(q.start, q.end), rate=rate,
            year_basis=year.basis)
        self.targets.append(target)
        self.prev_end = phrase_stop
        self.prev_cue = next((c for c in reversed(cues) if not c.adjacent_only), adjacent) or self.prev_cue
        scan.targets.append(target)
        copies = [replace(target, year=other.year, year_basis=other.basis)
                  for other in self._years_sharing(q, year, phrase_end, later)]
        copies += [replace(target, indicator=name) for name in self.sharing]
        self.sharing = []
        self.targets.extend(copies)
        scan.targets.extend(copies)

    def _lists_on(self, clause_start: int, q: QuantityMatch) -> bool:
        """Whether a clause of a noun and its amount only goes on, after a ``，``, with the list of what
        is added that the last target closes (``新增高新技术企业1000家，省级企业研究院50家``): its amount
        takes that target's verb, as after a ``、``. A share is a level of its own (``新增车辆比例超过20%，
        保有量60万辆``), and a cut names one thing (``压减超采量1亿立方米，引江水2.46亿立方米``). A verb of
        its own breaks the list, unless a word of going along opens the clause (``新建高标准农田665万亩，
        同步发展高效节水灌溉农田168.5万亩``: added alongside)."""
        last = self.targets[-1]
        along = self.text.startswith(self.lex.along_words, clause_start)
        return self.text[self.prev_end:clause_start] == "，" and last.direction is Direction.INCREASE \
            and not {last.unit, q.quantity.unit} & self.lex.share_units \
            and (along or not self.lex.verb_ends(self.text, clause_start, q.start))

    def _tallies_named_works(self, q: QuantityMatch, win_start: int, phrase_end: int,
                             later: list[QuantityMatch]) -> bool:
        """Whether ``q`` closes a list of named works that a verb before it takes (``完成防城港、贵港、
        梧州、百色、玉林等5个国家资源综合利用基地建设``, ``完成…永锋专用线等8个铁路专用线项目建设``,
        ``完成大凌河等6条水流、仙人洞等12个自然保护地确权登记工作``: a work word closes the clause):
        the names are the commitment and the number only tallies them, no target. A list that is the
        subject of a verb after the count (``…等6条铁路专用线力争2022年建成投用``) and a list of
        examples of a goal that is no work (``形成集成电路…等12个千亿级产业集群``) keep their number."""
        lex, text = self.lex, self.text
        if not text[win_start:q.start].endswith(lex.member_list_ends) or not lex.names_verb(text, win_start, q.start):
            return False
        clause_end = _CLAUSE_END.search(text, phrase_end, self.end)
        works = text[phrase_end:clause_end.start() if clause_end else self.end]
        return any(word in works for word in lex.listed_work_words)

    def _part_of_last(self, q: QuantityMatch, unit: str) -> bool:
        """Whether ``q`` opens a clause of part words (``其中``, ``其中：``) after a change in the
        same unit (``新建绿地1000公顷，其中公园绿地500公顷以上``, ``累计完成既有建筑节能改造8000万平方米
        以上，其中平均节能率15%及以上的建筑面积达到600万平方米``): it names a part of that amount."""
        if not self.targets or unit in self.lex.share_units:
            return False
        last = self.targets[-1]
        clause_start = self._clause_start(q.start)
        if clause_start > self.start and self.text[clause_start - 1] in "：:":
            clause_start = self._clause_start(clause_start - 1)   # 其中：风电115.5万千瓦
        return last.direction is not Direction.LEVEL and last.unit == unit and last.end <= clause_start \
            and self.text.startswith(self.lex.part_words, clause_start)

    def _year_after_count(self, q: QuantityMatch) -> _YearCue | None:
        """The year a clause prints after its count, when none stands before it in the clause
        (``…等5条铁路专用线力争2022年建成投用``): that clause is dated by its own year, not by one
        of an earlier clause, and a count before any year of its sentence is dated too. A year in a
        bracket opened after the count is a stage of the bracket's own (``…20%以上（2021年到达10%）``)."""
        clause_start = self._clause_start(q.start)
        clause_end = _CLAUSE_END.search(self.text, q.end, self.end)
        stop = clause_end.start() if clause_end else self.end
        in_clause = [c for c in self.years if clause_start <= c.start < stop
                     and self.text.rfind("（", q.end, c.start) <= self.text.rfind("）", q.end, c.start)]
        if not in_clause or in_clause[0].start < q.end or not self.lex.verb_at(self.text, in_clause[0].end, stop):
            return None   # no year of its own, or one that is not the time of a verb after it (…攀升至2050年的86%)
        return in_clause[0]

    def _baseline(self, clause_start: int, q: QuantityMatch, taken_over: bool,
                  reading: tuple[str, Direction, str | None]) -> int | None:
        """The baseline year of the clause; a number that takes over the indicator, the verb and
        the rate of the target before it (``reading``) takes its baseline too
        (``能耗比2020年下降14%，力争下降14.5%``; not ``年均下降2.6%``, a change per year). A base frame
        earlier in the sentence (``以2020年…为基数，``) is the baseline of a change with none of its own."""
        own = self.lex.baseline(self.text[clause_start:q.start])
        if own is None and reading[1] is not Direction.LEVEL:
            own = self.lex.base_frame(self.text, self.start, q.start)
        if own is not None or not taken_over or not self.targets:
            return own
        last = self.targets[-1]
        return last.baseline_year if (last.indicator, last.direction, last.rate) == reading else None

    def _year_in_span(self, year: _YearCue, q: QuantityMatch, phrase_end: int,
                      later: list[QuantityMatch]) -> _YearCue:
        """A span of years whose 分别 list has one number per year gives each number its own year,
        in order (``2022至2025年…占比分别达到80%、90%、95%、100%``: 80% in 2022, 100% in 2025); a
        list of another length keeps the span's last year for all."""
        if year.first is None:
            return year
        respectively = self.text.rfind(self.lex.respectively, year.end, q.start)
        if respectively < 0:
            return year
        taken = sum(1 for t in self.targets if t.value_span[0] > respectively)
        if taken + self._series_length(phrase_end, later) != year.year - year.first + 1:
            return year
        return replace(year, year=year.first + taken)

    def _years_sharing(self, q: QuantityMatch, year: _YearCue, phrase_end: int,
                       later: list[QuantityMatch]) -> list[_YearCue]:
        """The other years of a list that 分别 gives one number (``“十四五”、“十五五”期间分别新增水电装机
        容量4000万千瓦左右``: that much in each period), so the number is a target of each year; a
        list of as many numbers as years pairs them in turn instead (``year_before``)."""
        if year not in self.years:
            return []
        first = last = self.years.index(year)
        while last + 1 < len(self.years) and self.years[last + 1].end <= q.start and \
                self.lex.joins(self.text[self.years[last].end:self.years[last + 1].start]):
            last += 1
        if first > 0 and self.lex.joins(self.text[self.years[first - 1].end:year.start]):
            return []    # not the list's first year: its numbers pair with the years in turn
        if last == first or self.lex.respectively not in self.text[self.years[last].end:q.start] \
                or self._series_length(phrase_end, later) != 1:
            return []
        return [y for y in self.years[first + 1:last + 1] if y.year is not None]

    def _verbs_start(self, cues: list[_Cue], q_start: int) -> int:
        """Where the verbs before the number begin: a run of cue words printed one after the other
        (``完成建设15个``, ``稳定提升至``) belongs together, and the indicator stands before it."""
        if not cues:
            return q_start
        i = len(cues) - 1
        while i > 0 and cues[i - 1].end == cues[i].start:
            i -= 1
        return cues[i].start

    def _series_unit(self, q: QuantityMatch, later: list[QuantityMatch]) -> tuple[float, float | None, str]:
        """A number printed without its unit in a list takes the unit of the next one
        (``分别不高于306、325克标准煤/千瓦时``, ``降低20个、10个百分点``)."""
        quantity = q.quantity
        pos = q.end
        for nxt in later:
            if not self.lex.joins(self.text[pos:nxt.start]):
                break
            unit = nxt.quantity.unit
            if unit and unit != quantity.unit and unit.startswith(quantity.unit):
                printed = self.text[nxt.start:nxt.end]
                digits = _LEADING_NUMBER.match(printed)
                try:
                    again = parse_quantity(self.text[q.start:q.unit_start] + printed[digits.end():])
                except (ValueError, AttributeError):
                    break
                return again.value, again.value_max, again.unit
            if unit:
                break
            pos = nxt.end
        return quantity.value, quantity.value_max, quantity.unit

    def _series_suffix(self, q: QuantityMatch, later: list[QuantityMatch]) -> re.Match | None:
        """The comparator word after the last number of a 分别 list, which the numbers before it
        share (``分别稳定在95%和90%以上``); None when another number of the list has its own
        (``分别下降8%、8%、10%以上、10%以上``: only the last two are ge)."""
        pos, found = q.end, None
        for nxt in later:
            if not self.lex.joins(self.text[pos:nxt.start]):
                break
            if found is not None:
                return None      # the word stands after a number that is not the list's last
            found = self.lex.suffix.match(self.text, nxt.end, self.end)
            pos = found.end() if found else nxt.end
        return found

    def _is_not_a_target(self, q: QuantityMatch) -> bool:
        """Ordinals, years, dates, durations, names, subsidies."""
        text, lex = self.text, self.lex
        if q.start > self.start and text[q.start - 1] == "第":
            return True
        after = text[q.end:q.end + 4]
        if q.bare and after.startswith(lex.bare_not_before):
            return True
        if after.startswith(lex.name_suffixes) or text[q.unit_start:q.end + 4].startswith(lex.durations):
            return True
        if q.quantity.unit in lex.name_units or self._defines_noun(q):
            return True
        clause = self._clause_of(q.start)
        if q.quantity.unit in lex.frequency_units and \
                any(w in self.text[self._clause_start(q.start):q.start] for w in lex.frequency_words):
            return True   # "每季度开展1次": how often, not a dated goal
        if lex.recurring.search(text, self._clause_start(q.start), q.start):
            return True   # "每年深松耕地面积1000万亩": a figure for every year, no year to reach it by
        return any(word in clause for word in lex.subsidy_words)

    def _defines_noun(self, q: QuantityMatch) -> bool:
        """Whether ``q`` stands in brackets closed right before 的 (``消除较大面积（水域面积≥2000平方米）的
        农村黑臭水体``): the note says which ones are meant, as a threshold does."""
        opened = self.text.rfind("（", self.start, q.start)
        closed = self.text.find("）", q.end, self.end)
        return opened >= 0 and closed >= 0 and "）" not in self.text[opened:q.start] \
            and "（" not in self.text[q.end:closed] and self.text.startswith("的", closed + 1)

    def _clause_start(self, pos: int) -> int:
        return self.clause_starts[bisect_right(self.clause_starts, pos) - 1]

    def _opens_clause(self, pos: int) -> bool:
        """Whether only a year phrase or leading words stand between the clause start and ``pos``."""
        return not self.lex.strip_tail(self.text[self._clause_start(pos):pos])

    def _clause_of(self, pos: int) -> str:
        i = bisect_right(self.clause_starts, pos)
        stop = self.clause_starts[i] if i < len(self.clause_starts) else self.end
        return self.text[self.clause_starts[i - 1]:stop]

    def _noun_follows(self, pos: int) -> bool:
        """Whether a noun (or a name such as ``500千伏``) goes on right after the quantity."""
        if pos >= self.end:
            return False
        rest = self.text[pos:pos + 4]
        if rest.startswith(self.lex.coordinators) or _NOUN_STOP.match(rest):
            return False
        if rest.startswith(self.lex.not_a_noun_after):
            return False  # "新增森林面积100万亩的目标": the goal of the number, not a noun it counts
        return bool(_CJK_OR_NAME.match(rest))

    def _noun_end(self, pos: int, later: list[QuantityMatch]) -> int:
        """Where the noun after a number ends: at a stop mark or the next number (a number that
        is part of a name, ``500千伏变电站``, does not end it)."""
        stop = _NOUN_STOP.search(self.text, pos, self.end)
        while stop and _NOTE_IN_NOUN.match(self.text, stop.start()):   # 1支区（县）级…队伍
            stop = _NOUN_STOP.search(self.text, _NOTE_IN_NOUN.match(self.text, stop.start()).end(), self.end)
        end = stop.start() if stop else self.end
        nxt = next((q for q in later if q.quantity.unit not in self.lex.name_units), None)
        if nxt is not None and nxt.start < end:
            end = nxt.start
        return min(end, pos + 25)

    def _noun_span(self, pos: int, later: list[QuantityMatch]) -> tuple[int, int]:
        """The noun a number counts: ``30个特色鲜明、差异化发展的碳达峰试点城市`` counts the 城市, so a
        list of modifiers ending in 的 is skipped to the head it modifies."""
        end = self._noun_end(pos, later)
        if self.text.startswith("、", end):
            clause = _CLAUSE_END.search(self.text, end, self.end)
            stop = clause.start() if clause else self.end
            nxt = next((q.start for q in later if q.start >= end), stop)
            of = self.text.rfind("的", end, min(stop, nxt, end + 20))
            if of >= 0:
                return of + 1, self._noun_end(of + 1, later)
        return pos, end

    def _is_object(self, q, win_start, quantity_end_before, cues, later) -> bool:
        """A quantity followed by a noun counts when a verb, comparator or list stands before it
        (``建成110公里…``, ``不低于72%的…``, ``等12个…``, ``6个…、25个…``), or when it is a share
        that opens its clause (``30%以上的企业…``); otherwise it names or defines a group. A count
        closing a list whose noun goes on to a target of its own (``废纸、废塑料等9种主要再生资源
        循环利用量达到4.5亿吨``) says how long the list is, as part of that target's indicator."""
        lex = self.lex
        after_target = self.targets and self.prev_end == win_start
        if any(lex.joins(self.text[a:q.start]) for a in (quantity_end_before, win_start) if a > self.start) \
                and (after_target or quantity_end_before > win_start):
            return True  # "6个500千伏、25个…", "…重点实验室和5个…": a list of objects of one verb
        before = lex.strip_determiner(lex.strip_tail(self.text[win_start:q.start]))
        if not before:   # a share or a count reaching a goal opening its clause, or a count right
            # after a verb stripped as a leading word (力争实现4项以上…创新: 实现 also opens indicators)
            return q.quantity.unit in lex.share_units or self._count_reaching(q, later) \
                or bool(cues) and not cues[-1].adjacent_only and cues[-1].end == q.start
        if cues and before.endswith(self.text[cues[-1].start:cues[-1].end]):
            return not self._group_threshold(q, before, cues)
        if before.endswith(lex.coordinators):
            return not self._subject_of_later_target(q.end, later)
        return before.endswith(lex.object_verbs)

    def _count_reaching(self, q: QuantityMatch, later: list[QuantityMatch]) -> bool:
        """A count that opens its clause, whose noun runs on to a verb of reaching a state with no
        other number before the clause ends (``60个左右大中城市率先建成…体系``, ``5个以上县基本建成…示范县``):
        that many of them are to get there, a level. Not when the words say the set is all of them
        or is there already (``5个地级市全部达到…``, ``4个断面均达到…``, ``17座污水处理厂已稳定达到…``)."""
        end = self.lex.suffix.match(self.text, q.end, self.end)
        start = end.end() if end else q.end
        clause = _CLAUSE_END.search(self.text, start, self.end)
        stop = clause.start() if clause else self.end
        if any(n.start < stop for n in later):
            return False
        return self.lex.names_subject_reaching(self.text[start:stop])

    def _share_before_verb(self, q: QuantityMatch, phrase_end: int) -> bool:
        """A share printed between its subject and the verb it measures (``新建畜禽规模场100%通过生态养殖
        认证``, ``建成区面积的50%达到海绵城市建设要求``): the number is the part of the subject that does
        what the verb says, a level, as ``…认证比例达到100%`` would print it."""
        return q.quantity.unit in self.lex.share_units and self.text.startswith(self.lex.share_verbs, phrase_end)

    def _group_threshold(self, q, before: str, cues) -> bool:
        """A strict comparison that no verb leads to, on a quantity of the noun after it
        (``年销售汽油量大于3000吨的加油站``, ``日清运量超过300吨地区``): it says which ones are meant."""
        cue = self.text[cues[-1].start:cues[-1].end]
        if any(not c.adjacent_only for c in cues) or cue not in self.lex.threshold_comparisons \
                or q.quantity.unit in self.lex.share_units:
            return False
        return before[:-len(cue)].endswith("量") or self.text.startswith("的", q.end)

    def _subject_of_later_target(self, pos: int, later: list[QuantityMatch]) -> bool:
        """Whether the words from ``pos`` run, within their clause, into a cue word before the next
        number: then they are the indicator of that number, not the noun a count counts."""
        nxt = next(iter(later), None)
        clause = _CLAUSE_END.search(self.text, pos, self.end)
        stop = clause.start() if clause else self.end
        return nxt is not None and nxt.start < stop and self.lex.has_cue(self.text, pos, nxt.start)

    def _cues_before(self, start: int, q_start: int) -> tuple[list[_Cue], _Cue | None]:
        """The cue words between ``start`` and the quantity, and the one right before it if any.
        Comparator words (不低于, 超过, 约, 达) count only right before the number: ``超`` in
        ``超低能耗建筑`` is no comparator."""
        cues = self.lex.cues_in(self.text, start, q_start)
        adjacent = None
        if cues and not self.lex.strip_tail(self.text[cues[-1].end:q_start]):
            adjacent = cues[-1]
        comparators = [c for c in cues if c.adjacent_only]
        if (adjacent is None or not adjacent.adjacent_only) and comparators \
                and self.lex.is_verb(self.text[comparators[-1].end:q_start]):
            adjacent = comparators[-1]   # "至少举办5期", "至少完成一轮": the comparator stands before the verb
        cues = [c for c in cues if not c.adjacent_only or c is adjacent]
        return cues, adjacent

    def _comparator_direction(self, q, cues, adjacent, suffix, coordinated):
        direction = Direction.LEVEL
        comparator = Comparator.EQ
        if adjacent is not None and adjacent.adjacent_only:
            comparator = adjacent.comparator
            # the verb next to the comparator, before it (下降超过5%) or after it (至少新增5个)
            verbs = [c for c in cues if not c.adjacent_only and (c.end == adjacent.start or c.start == adjacent.end)]
            if verbs:
                direction = verbs[-1].direction
        else:
            verbs = [c for c in cues if not c.adjacent_only]
            if verbs:
                direction = verbs[-1].direction
                comparator = verbs[-1].comparator   # 控制在1000万吨: a ceiling
                if q.quantity.unit in self.lex.share_units and self._opens_clause(verbs[-1].start) \
                        and self.lex.strip_tail(self.text[verbs[-1].end:q.start]):
                    direction = Direction.LEVEL   # 新增和更新公交车辆新能源占比100%: the verb is of the buses
            elif coordinated and self.prev_cue is not None:
                direction = self.prev_cue.direction
                if self.prev_cue.adjacent_only:
                    comparator = self.prev_cue.comparator
        if self.text.startswith("翻", q.start):
            direction = Direction.INCREASE
        if q.more and comparator is Comparator.EQ:
            comparator = Comparator.GE
        if suffix:
            comparator = self.lex.suffixes[suffix.group()]
        if q.quantity.value_max is not None:
            comparator = Comparator.RANGE
        return comparator, direction

    def _indicator(self, q, win_start, verbs_end, cues, follows_noun, phrase_end, later,
                   change: bool) -> tuple[str, int, int]:
        """The measured quantity in the plan's words, with its span: the clause before the verb, or
        the noun after the number when the clause starts with the verb. One character is no
        indicator (``再新增森林面积50万亩``: the noun after the verb is). ``change``: the number is
        the size of a change, not a level."""
        lex, text = self.lex, self.text
        head, h_start, _ = lex.strip(text, win_start, verbs_end)
        joined = head and text[win_start:verbs_end].endswith(lex.verb_joiners) \
            and any(c.start == verbs_end and not c.adjacent_only for c in cues)
        if joined:   # 修复或建设河湖缓冲带: two verbs of one object
            head, h_start, _ = lex.strip(text, win_start, q.start)
        if len(head) < 2:
            head = ""
        if follows_noun:
            noun_start, noun_end = self._noun_span(phrase_end + (text.startswith("的", phrase_end)), later)
            noun = lex.strip_coordinator_tail(text[noun_start:noun_end])
            if head.endswith(lex.member_list_ends):
                head = ""   # "河北太行钢铁集团等6条铁路专用线": the list names some of what is counted
            if noun:
                ind_start = h_start if head else cues[-1].start if cues else q.start
                return head + noun, ind_start, noun_start + len(noun)
        if head:
            printed = [head]
            if lex.respectively in text[win_start:verbs_end]:
                printed = _SERIES_SPLIT.split(head)
                if len(printed) != self._series_length(phrase_end, later) or min(map(len, printed)) < 2:
                    printed = [head]  # "市、县污泥无害化处理率分别达到97%、95%": one name, two places
                parts = lex.complete_series(printed)
                self.series = parts[1:]
            elif self._series_length(phrase_end, later) == 1:
                parts = lex.sharing_one_value(head, lex.says_each(text[win_start:verbs_end]),
                                              q.quantity.unit in lex.share_units, change)
                self.sharing = parts[1:]
            else:
                parts = printed
            return parts[0], h_start, h_start + len(printed[0])
        if cues:
            between, _, b_end = lex.strip(text, cues[-1].end, q.start)
            if between:
                return between, cues[-1].start, b_end
        if self.series:
            return self.series.pop(0), q.start, q.start  # "A和B分别下降14%和18%"
        if self.targets:
            return self.targets[-1].indicator, q.start, q.start
        return "", q.start, q.start

    def _series_length(self, pos: int, later: list[QuantityMatch]) -> int:
        """How many numbers a 分别 lists: this one and those joined to it by 、/和 (``14%和18%``)."""
        count = 1
        for q in later:
            if not self.lex.joins(self.text[pos:q.start]):
                break
            count += 1
            suffix = self.lex.suffix.match(self.text, q.end, self.end)
            pos = suffix.end() if suffix else q.end
        return count

    def _modality(self, q, clause_start, year, coordinated) -> str | None:
        """The hedge of the clause, or of the whole dated stretch when it stands right next to the
        year cue (``力争到2025年，…``, ``到2025年，力争…``)."""
        hedge = self.lex.hedge_in(self.text, clause_start, q.start)
        if hedge:
            return hedge
        if coordinated and self.targets:
            return self.targets[-1].modality
        return self.lex.hedge_at(self.text, max(self.start, year.start - 4), year.end + 5)

    def goals(self) -> list[FoundGoal]:
        """Dated clauses that state a goal without a number (``如期实现碳达峰目标``)."""
        found = []
        ends = self.clause_starts[1:] + [self.end]
        for c_start, c_end in zip(self.clause_starts, ends):
            if any(t.start < c_end and c_start < t.end for t in self.targets):
                continue
            clause = self.text[c_start:c_end].rstrip("，；：,;。")
            m = self.lex.goal.search(clause)
            if not m or clause.startswith(self.lex.goal_not_after):
                continue  # "为实现碳达峰奠定基础" is a purpose, not a goal
            if self.titles.covers(c_start + m.end() - 1):
                continue
            year = self.year_before(c_start + m.end())
            if year is None:
                continue
            found.append(FoundGoal(c_start, c_start + len(clause), year.year, clause))
        return found


class _Spans:
    """Sorted, non-overlapping spans with a fast membership test."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def covers(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class _Lexicon:
    """The cue words of ``target_cues.json``, compiled into the regexes the rules use."""

    def __init__(self, data: dict):
        self.suffixes = {k: Comparator(v) for k, v in data["suffixes"].items()}
        self.suffix = re.compile(_alternation(self.suffixes))
        self.name_units = frozenset(data["name_units"])
        self.name_suffixes = tuple(data["name_suffixes"])
        self.bare_not_before = tuple(data["bare_not_before"])
        self.durations = tuple(data["durations"])
        self.subsidy_words = tuple(data["subsidy_words"])
        self.object_verbs = tuple(data["object_verbs"])
        verbs = list(self.object_verbs) + [w for g in data["cues"] if not g["adjacent"] for w in g["words"]]
        adjacent_cues = [w for g in data["cues"] if g["adjacent"] for w in g["words"]]
        self._verbs = re.compile(_alternation(verbs))
        self._verb_after_hedges = re.compile(rf"(?:{_alternation(data['hedges'])})*(?:{_alternation(verbs)})")
        # 已 marks a fact only before a verb (已建成, 已基本完成, 已有), not in a noun (已沉稳采煤塌陷地)
        self._done = re.compile(rf"(?:{_alternation(data['fact_words'])})(?:{_alternation(data['fact_adverbs'])})*"
                                rf"(?:{_alternation(verbs + data['fact_verbs'])})")
        self.part_words = tuple(data["part_words"])
        self.note_opener = re.compile(rf"(?m)^[ \t　]*(?:{_alternation(data['note_openers'])})[：:]")
        self._reaching = re.compile(_alternation(data["reaching_verbs"]))
        self._whole_set = re.compile(_alternation(data["whole_set_words"] + data["each_words"] + data["fact_words"]))
        self._cost = re.compile(rf"(?:{_alternation(data['cost_words'])})(?:{_alternation(adjacent_cues)})?$")
        self.frequency_words = tuple(data["frequency_words"])
        self.frequency_units = frozenset(data["frequency_units"])
        self.recurring = re.compile(rf"(?<![{re.escape(data['recurring_not_after'])}])"
                                    rf"(?:{_alternation(data['recurring_words'])})")
        self.not_a_noun_after = tuple(data["not_a_noun_after"])
        self.share_units = frozenset(data["share_units"])
        self.share_verbs = tuple(data["share_verbs"])
        self.threshold_comparisons = frozenset(data["threshold_comparisons"])
        self.share_words = tuple(data["share_words"])
        self.share_subject_words = frozenset(data["share_subject_words"])
        self.respectively = data["respectively"]
        self.coordinators = tuple(data["coordinators"])
        self.verb_joiners = tuple(data["verb_joiners"])
        self.goal_not_after = tuple(data["goal_not_after"])
        self._heads = re.compile(_alternation(data["indicator_heads"]))
        self._change_amount = re.compile(rf"(?:{_alternation(data['change_amount_nouns'])})$")
        work, work_heads = _alternation(data["work_nouns"]), _alternation(data["work_heads"])
        self._work = re.compile(rf"^(?:{work})|(?:{work})(?:{work_heads})?$")
        cuts = [w for g in data["cues"] if g["direction"] == Direction.DECREASE.value and not g["adjacent"]
                for w in g["words"]]
        self._cut_work = re.compile(rf"(?:{_alternation(cuts)})(?:{work_heads})?$")
        self._added = re.compile(rf"^(?:{_alternation(data['added_words'])})")
        self._status = re.compile(_alternation(data["status_words"]))
        self._ends_in_head = re.compile(rf"(?:{_alternation(data['indicator_heads'])})$")
        # 和/及/与 join two indicators only right after a head (not the 及 of 普及率, the 和 of 碳中和)
        after_head = "|".join(f"(?<={re.escape(h)})" for h in data["indicator_heads"])
        self._whole_split = re.compile(rf"、|(?:{after_head})(?:以及|[和及与])")
        self._list_split = re.compile("、")
        # 和 joins two modifiers unless it is part of a word (碳中和, 温和)
        inside = "".join(f"(?!(?<={re.escape(w[:w.index('和')])})和{re.escape(w[w.index('和') + 1:])})"
                         for w in data["words_with_he"])
        self._modifier_split = re.compile(rf"、|{inside}和")
        self._each = re.compile(rf"(?<![{re.escape(data['each_not_after'])}])(?:{_alternation(data['each_words'])})"
                                rf"(?:{_alternation(data['hedges'])})*$")
        annual = _alternation(data["annual_words"])
        hedges_or_respectively = _alternation(data["hedges"] + [data["respectively"]])
        # a year (比2020年下降) is no annual word
        self._annual_before_verb = re.compile(rf"(?<!\d)(?:{annual})(?:{hedges_or_respectively})*$")
        self._annual_rate_noun = re.compile(rf"(?:{annual})(?:{_alternation(data['annual_rate_nouns'])})$")
        self.periods = data["periods"]
        self._cue_kind: dict[str, tuple[Comparator, Direction, bool]] = {}
        for group in data["cues"]:
            for word in group["words"]:
                self._cue_kind[word] = (Comparator(group["comparator"]), Direction(group["direction"]),
                                        group["adjacent"])
        not_after, not_before = data["cue_not_after"], data["cue_not_before"]
        cue_words = sorted(self._cue_kind, key=len, reverse=True)
        self._cues = re.compile("|".join(
            (f"(?<![{re.escape(not_after[w])}])" if w in not_after else "") + re.escape(w)
            + (f"(?!{_alternation(not_before[w])})" if w in not_before else "")
            for w in cue_words))
        hedges = _alternation(data["hedges"])
        self._hedge = re.compile(hedges)
        self._year_prefixes = tuple(sorted(data["year_prefixes"], key=len, reverse=True))
        self._span_joiners = frozenset(data["span_joiners"])
        self._span_first = re.compile(rf"(?<!\d)([12]\d{{3}})年?$")
        self._current_year = re.compile(rf"(?<![{re.escape(data['current_year_not_after'])}])"
                                        rf"(?:{_alternation(data['current_year_words'])})")
        self.annual_plan_endings = tuple(data["annual_plan_endings"])
        self._period_end = re.compile(_alternation(data["period_end_words"]))
        self._hedged_lede = re.compile(rf"^\s*(?:{_alternation(data['hedges'])})*\s*$")
        self._reports_plan = re.compile(rf"^[^。！？!?]*(?:{_alternation(data['report_verbs'])})[，：,:]?$")
        self._own_time = re.compile(rf"(?:\d{{1,2}}|[一二两三四五六七八九十]{{1,3}})(?:{_alternation(data['own_time_words'])})")
        year = rf"(?P<y>[12]\d{{3}})年(?P<post>{_alternation(data['year_suffixes'])})?"
        # a PDF may close “十四五 with an ASCII quote: “十四五"期间
        period = rf"(?P<p>{_alternation(self.periods)})[”\"]?(?P<ppost>{_alternation(data['period_suffixes'])})?"
        self._year = re.compile(year)
        self._period = re.compile(period)
        self._period_listed = re.compile(rf"(?:{_alternation(data['coordinators'])})“?(?:{_alternation(self.periods)})")
        year_phrase = rf"(?:{_alternation(data['year_prefixes'])})?(?:{year}|“?{period})"
        self._not_year_after = tuple(data["not_year_after"])
        self._baseline_before = tuple(data["baseline_prefixes"])
        periods = _alternation(self.periods)
        baseline = (rf"(?:{_alternation(data['baseline_prefixes'])})(?:(\d{{4}})年|“?({periods})”?末?)"
                    rf"|在(\d{{4}})年(?:的)?(?:{_alternation(data['baseline_suffixes'])})")
        self._baseline = re.compile(baseline)
        self._base_frame = re.compile(rf"(?:{_alternation(data['base_frame_opens'])})(\d{{4}})年[^，。；：]{{0,20}}?"
                                      rf"(?:{_alternation(data['base_frame_closes'])})")
        baseline_phrase = rf"(?:{baseline})(?:{_alternation(data['baseline_suffixes'])})?"
        self._baseline_phrase = re.compile(baseline_phrase)
        # 由2020年的20%提高到70%: the baseline phrase runs on to the verb with the value it starts from
        self._from_phrase = re.compile(rf"(?:{_alternation(data['from_words'])})(?:\d{{4}}年|“?(?:{periods})”?).*$")
        # a leading word is stripped only as a word of its own: 并 in 并力争, not in 并网规模
        compounds = _alternation(data["lead_compounds"])
        leading = rf"(?!{compounds})(?:{_alternation(data['leading_words'])})"
        current = _alternation(data["current_year_words"])
        self._lead = re.compile(rf"^(?:{baseline_phrase}|{year_phrase}|{current}|{leading}|[，、；：,;\s和及与（])+")
        tail_words = _alternation(data["hedges"] + data["scope_words"] + data["indicator_tail_words"])
        self._tail = re.compile(rf"(?:{tail_words}|[，、\s])+$")
        self.member_list_ends = tuple(data["member_list_ends"])
        self.count_determiners = tuple(data["count_determiners"])
        self.along_words = tuple(data["along_words"])
        self.listed_work_words = tuple(data["listed_work_words"])
        # a hedge closes a noun when the year and the verb follow it (…铁路专用线力争2022年建成投用)
        self._coord_tail = re.compile(rf"(?:{_alternation(data['coordinators'] + data['hedges'])}|[，、\s])+$")
        self._joins = re.compile(rf"^[\s”]*(?:{_alternation(data['coordinators'])})[\s“]*$")
        objects = _alternation(data["goal_objects"])
        # a goal verb shortly before a goal object, a goal phrase, or a deadline right before the object
        self.goal = re.compile(rf"(?:{_alternation(data['goal_verbs'])})[^，；。]{{0,12}}?(?:{objects})"
                               rf"|{_alternation(data['goal_phrases'])}|\d{{4}}年前(?:{objects})")

    def year_cues(self, text: str, start: int, end: int, plan_year: int | None,
                  annual_year: int | None = None, period_end: int | None = None) -> list[_YearCue]:
        """Year and period cues in text order; baselines (``比2020年``), dates and ranges are skipped.
        With ``annual_year``, the current-year words (``全年``, ``年内``) are cues for that year,
        except inside a printed year (``2022年底前``) or after a count (``三年内``)."""
        cues = []
        frames = _Spans([m.span() for m in self._base_frame.finditer(text, start, end)])
        for m in self._year.finditer(text, start, end):
            y = int(m["y"])
            if not 1900 <= y < 2100 or (m.start() > start and text[m.start() - 1] in "-—–－~～") \
                    or frames.covers(m.start()):
                continue
            before = text[max(start, m.start() - 4):m.start()]
            after = text[m.end():m.end() + 3]
            prefix = next((p for p in self._year_prefixes if before.endswith(p)), "")
            if not prefix and before.endswith(self._baseline_before):
                continue  # "比2020年": a baseline
            if not (prefix or m["post"]) and (after.startswith(self._not_year_after) or _MONTH.match(after)):
                continue  # "2020年的水平", "2020年以来", a date "2022年3月24日"
            at = m.start() - len(prefix)
            span = self._span_first.search(text, max(start, at - 5), at) if prefix in self._span_joiners else None
            if span and int(span[1]) < y:   # 2022至2025年: the span's years, each in its turn
                cues = [c for c in cues if c[0] < span.start()]
                cues.append((span.start(), m.end(), y, int(span[1])))
            else:
                cues.append((at, m.end(), y, None))
        for m in self._period.finditer(text, start, end):
            before = text[max(start, m.start() - 3):m.start()].rstrip("“")
            if before.endswith(self._baseline_before):
                continue
            listed = self._period_listed.match(text, m.end(), end)   # “十四五”、“十五五”期间
            if m["ppost"] or before.endswith(self._year_prefixes) or text.startswith("，", m.end()) or listed:
                cues.append((m.start(), m.end(), self.periods[m["p"]], None))
        found = [_YearCue(a, b, None if plan_year is not None and y < plan_year else y, None,
                          None if plan_year is not None and first is not None and first < plan_year else first)
                 for a, b, y, first in cues]
        if annual_year is not None:
            printed = _Spans(sorted((c.start, c.end) for c in found))
            found += [_YearCue(m.start(), m.end(), annual_year, f"the annual plan's year ({m.group()})")
                      for m in self._current_year.finditer(text, start, end)
                      if not printed.covers(m.start()) and not printed.covers(m.end() - 1)]
        if period_end is not None:
            found += [_YearCue(m.start(), m.end(), period_end, f"the end of the plan's period ({m.group()})")
                      for m in self._period_end.finditer(text, start, end)]
        return sorted(found, key=lambda c: (c.start, c.end))

    def names_subject(self, text: str, cue: _Cue) -> bool:
        """Whether ``cue``, standing before a share word, is a word of the share's subject rather
        than a verb (``新建星级绿色建筑占…50%以上``, ``新建建筑中绿色建筑占比50%``: a level of the share)."""
        return text[cue.start:cue.end] in self.share_subject_words

    def opens_paragraph(self, before: str) -> bool:
        """Whether a year after ``before``, the words of its line before it, opens its paragraph: nothing
        but hedges stands there (``力争到2025年``), or one sentence reporting a plan (``reports_plan``)."""
        return self._hedged_lede.match(before) is not None or self.reports_plan(before)

    def reports_plan(self, lede: str) -> bool:
        """Whether ``lede``, the start of a paragraph, is one sentence telling what a plan says
        (``日前，省政府印发《…》提出，``), so the year after it opens what the plan says."""
        return self._reports_plan.search(lede) is not None

    def names_own_time(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` names a length of time of its own (``集中用5年左右时间``),
        counted from a start it does not print, so no year of the part it stands in dates it."""
        return self._own_time.search(text, start, end) is not None

    def has_cue(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds a cue word (``达到``, ``下降``, ``不低于``)."""
        return self._cues.search(text, start, end) is not None

    def names_verb(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds a cue word or a verb that takes a counted object
        (``取得重大科技成果10项``, ``实施重大项目10项``)."""
        return self.has_cue(text, start, end) or self._verbs.search(text, start, end) is not None

    def cues_in(self, text: str, start: int, end: int) -> list[_Cue]:
        cues = []
        for m in self._cues.finditer(text, start, end):
            comparator, direction, adjacent = self._cue_kind[m.group()]
            cues.append(_Cue(m.start(), m.end(), comparator, direction, adjacent))
        return cues

    def strip(self, text: str, start: int, end: int) -> tuple[str, int, int]:
        """Trim connectives, year phrases, scope words and hedges from both ends of a span; drop a
        baseline phrase (``比2020年``) anywhere."""
        piece = text[start:end]
        lead = self._lead.match(piece)
        cut = lead.end() if lead else 0
        piece = piece[cut:]
        tail = self._tail.search(piece)
        if tail:
            piece = piece[:tail.start()]
        piece = self._from_phrase.sub("", piece)
        piece = self._baseline_phrase.sub("", piece)
        piece = self._tail.sub("", piece)
        return piece, start + cut, start + cut + len(piece)

    def strip_tail(self, piece: str) -> str:
        piece = self._tail.sub("", piece)
        lead = self._lead.match(piece)
        return piece[lead.end():] if lead else piece

    def strip_determiner(self, before: str) -> str:
        """``before`` without a word that picks which ones a count counts (``完成现有1398处…治理工程``:
        the existing ones), so the count is still the object of the verb before that word."""
        for word in self.count_determiners:
            if before.endswith(word):
                return before[:-len(word)]
        return before

    def strip_coordinator_tail(self, piece: str) -> str:
        return self._coord_tail.sub("", piece)

    def amount_of_change(self, indicator: str, unit: str, comparator: Comparator, direction: Direction) -> Direction:
        """The direction of a value of ``indicator`` in ``unit`` read as ``direction``. A level of
        a size of a cut is a ``decrease`` (``重点工程减排量达到2.27万吨``: 2.27万吨 less, not a stock;
        ``完成80万吨焦化产能淘汰任务``). A level of an amount of work to be done, or of what is added,
        is an ``increase`` (``治理退化耕地10万亩``, ``完成5.3亿吨钢铁产能超低排放改造``,
        ``新建高标准农田达到54万亩``: that much more is done); but a count of rounds, a share or a
        ceiling stays a level (``新建建筑施工现场建筑垃圾排放量不高于300吨``), and so does a count of a
        status conferred (``1个农田排灌系统生态化改造试点``)."""
        if direction is not Direction.LEVEL:
            return direction
        if self._change_amount.search(indicator) or self._cut_work.search(indicator):
            return Direction.DECREASE
        if (self._work.search(indicator) or self._added.search(indicator)) and not self._status.search(indicator) \
                and unit not in self.share_units and unit not in self.frequency_units \
                and comparator is not Comparator.LE:
            return Direction.INCREASE
        return direction

    def names_addition(self, words: str) -> bool:
        return self._added.search(words) is not None

    def annual(self, before_verb: str, indicator: str, direction: Direction) -> str | None:
        """``annual`` when the value is a change per year: an annual word right before the verb
        (``年均增长15%``, ``每年新增``, ``年新增``), or an indicator that is itself an annual rate
        (``年均增速达到6%``). A level per year (``年利用量40亿吨``) is no rate."""
        if self._annual_rate_noun.search(indicator):
            return "annual"
        if direction != Direction.LEVEL and self._annual_before_verb.search(before_verb):
            return "annual"
        return None

    def complete_series(self, parts: list[str]) -> list[str]:
        """The indicators of a 分别 list, each whole: a head the last one carries is shared by the
        ones before it that have none (``公交车、出租汽车新能源汽车`` → 公交车新能源汽车; ``化肥、农药利用率``
        → 化肥利用率), and a bare head after a full name takes that name's modifier
        (``规模以上工业单位增加值能耗、用水量`` → 规模以上工业单位增加值用水量)."""
        if len(parts) < 2:
            return parts
        last = parts[-1]
        head = next((m.start() for m in self._heads.finditer(last) if m.start() >= 2), None)
        if head is not None:
            shared = last[head:]
            return [p if self._heads.search(p) else p + shared for p in parts[:-1]] + [last]
        first_heads = [m.start() for m in self._heads.finditer(parts[0]) if m.start() >= 2]
        if first_heads:
            prefix = parts[0][:first_heads[-1]]
            return [parts[0]] + [prefix + p if self._heads.match(p) else p for p in parts[1:]]
        return parts

    def sharing_one_value(self, head: str, each: bool, share: bool, change: bool = False) -> list[str]:
        """The indicators one number is given to. A list of whole indicators, each ending in a head
        word (``秸秆综合利用率、农用残膜回收率达到90%``), or a list that 均 says each reach
        (``化肥、农药利用率均达到43%``, the head shared as in a 分别 list), gives the number to each;
        otherwise the list names one quantity (``风电、太阳能发电总装机容量``, ``水路和铁路货运量占比``).
        Whole indicators joined by 和 share a ``share`` value (``农药利用率和化肥利用率提高到40%``); an
        amount after them is their total (``总产值与加工产值达到2万亿元``). A ``change`` by a share of
        things named before one head is a change of each (``化肥和化学农药单位面积施用量减少15%``),
        where a level of them stays one (``城市和县城再生水利用率达到50%``: the rate of both)."""
        if share and change and not each and len(shared := self.modifiers_of_one_head(head)) > 1:
            return shared
        if each:
            head = self._each.sub("", head)
        parts = (_SERIES_SPLIT if each else self._whole_split if share else self._list_split).split(head)
        if len(parts) < 2 or min(map(len, parts)) < 2:
            return [head]
        if each:
            parts = self.complete_series(parts)
        whole = all((m := self._ends_in_head.search(p)) and m.start() >= 2 for p in parts)
        return parts if whole else [head]

    def modifiers_of_one_head(self, head: str) -> list[str]:
        """``A和B<head>`` or ``A、B<head>`` as ``[A<head>, B<head>]``, when only the last carries an
        indicator head (``化肥和化学农药单位面积施用量``); ``[head]`` for anything else, a group closed by
        等 (``建材、冶金、化工等高耗能产业产值``) among it."""
        parts = self._modifier_split.split(head)
        if len(parts) < 2 or min(map(len, parts)) < 2 or any(w in head for w in self.member_list_ends):
            return [head]
        last = parts[-1]
        at = next((m.start() for m in self._heads.finditer(last) if m.start() >= 2), None)
        if at is None or any(self._heads.search(p) for p in parts[:-1]):
            return [head]
        return [p + last[at:] for p in parts[:-1]] + [last]

    def says_each(self, before_verb: str) -> bool:
        """Whether the words before the verb end in 均 (each of the listed indicators; not the 均
        of 平均 or 人均)."""
        return bool(self._each.search(before_verb))

    def verb_at(self, text: str, pos: int, end: int) -> bool:
        """Whether a verb (``建成``, ``达到``, ``实施``) stands at ``pos``, after any hedge."""
        return self._verb_after_hedges.match(text, pos, end) is not None

    def verb_ends(self, text: str, start: int, end: int) -> list[int]:
        """Where each verb that takes a counted object (``推广``, ``新增``) ends in ``text[start:end]``."""
        return [m.end() for m in self._verbs.finditer(text, start, end)]

    def is_verb(self, piece: str) -> bool:
        """Whether ``piece`` is one verb the number is the object of (``开展``, ``新增``)."""
        piece = piece.strip()
        return piece in self.object_verbs or piece in self._cue_kind

    def says_done(self, before: str) -> bool:
        """Whether ``before`` says the work is done already (``已建成``, ``已累计完成``): a fact."""
        return bool(self._done.search(before))

    def names_subject_reaching(self, words: str) -> bool:
        """Whether ``words``, the noun after a count and what follows it in the clause, run into a
        verb of reaching a state (``大中城市率先建成…``) with no word saying the count is the whole
        set or a fact before it (``全部``, ``均``, ``已``)."""
        verb = self._reaching.search(words)
        return verb is not None and not self._whole_set.search(words, 0, verb.start())

    def names_cost(self, before: str) -> bool:
        """Whether ``before`` ends in a word of investment, maybe with a comparator (``总投资``,
        ``投资约``): the number after it is what the works cost."""
        return bool(self._cost.search(before))

    def joins(self, between: str) -> bool:
        return bool(self._joins.match(between))

    def baseline(self, before: str) -> int | None:
        found = None
        for m in self._baseline.finditer(before):
            found = int(m.group(1) or m.group(3)) if m.group(1) or m.group(3) else self.periods[m.group(2)]
        return found

    def base_frame(self, text: str, start: int, end: int) -> int | None:
        """The year of the last base frame in ``text[start:end]`` (``以2020年…为基数``), if any."""
        found = None
        for m in self._base_frame.finditer(text, start, end):
            found = int(m.group(1))
        return found

    def hedge_in(self, text: str, start: int, end: int) -> str | None:
        hits = self._hedge.findall(text, start, end)
        return hits[-1] if hits else None

    def hedge_at(self, text: str, start: int, end: int) -> str | None:
        m = self._hedge.search(text, start, end)
        return m.group() if m else None


def first_year(text: str, start: int, end: int, plan_year: int | None) -> int | None:
    """The first target year named in ``text[start:end]`` (``到2025年``, ``“十四五”末``), if any."""
    return next((c.year for c in _lexicon().year_cues(text, start, end, plan_year) if c.year), None)


def annual_plan_endings() -> tuple[str, ...]:
    """How the title of a plan for one year ends (``…2021年…工作计划``, ``…2022年行动方案``)."""
    return _lexicon().annual_plan_endings


def amount_of_change(indicator: str, unit: str, comparator: Comparator, direction: Direction) -> Direction:
    """The direction of a value of ``indicator`` in ``unit`` read as ``direction`` with
    ``comparator`` (a size of a cut such as 重点工程减排量 is a decrease, an amount of work such as
    改造 an increase), for the table reader."""
    return _lexicon().amount_of_change(indicator, unit, comparator, direction)


def names_addition(words: str) -> bool:
    """Whether ``words`` open with a word of what is added (``新增``, ``新建``): the amount is what the
    period adds, for the table reader, which then gives it no baseline from the base column."""
    return _lexicon().names_addition(words)


def periods() -> dict[str, int]:
    """Five-year periods and the year each ends (十四五 → 2025), from ``target_cues.json``."""
    return dict(_lexicon().periods)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon(json.loads(CUES_FILE.read_text(encoding="utf-8")))
