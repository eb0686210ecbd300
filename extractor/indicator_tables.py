"""Indicator tables (主要指标表, 专栏 tables) read as dated targets.

A 十四五规划 states its targets twice: in prose and in a table of indicators, one row each, with
the indicator's name (and often its unit in brackets), a unit column, a base-year column, one or
more target-year columns and an attribute (约束性 binding / 预期性 expected)::

    类别	指标	2020年	2025年	属性
    电力总量	全社会用电量（亿千瓦时）	874.6	1100	预期性
    	总装机规模（万千瓦）	1916.8	2600左右	预期性

The readers (PDF ruled tables, DOCX, HTML) write each row as one line with a tab between cells,
so the tables are read from the text and every target keeps its span. Column roles come from the
header row (``extractor/data/indicator_tables.json``); a row's value cell gives value, unit,
comparator (``≥85`` ge, ``≤210.8`` le, ``2600左右`` approx) and, with the indicator's own words
(``降低``, ``增长``), the direction. A target year before the plan's own year is history (a
十三五 completion table), not a target; cells without a number (``达到省定目标要求``) are no target.
The attribute goes into ``modality``, the target's hedge as printed. A table of targets per place
(a column of counties under a dated header, ``_place_table``) gives one target per place and column;
so does a table with a row per year (``_year_table``), its columns indicators or places.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import zip_longest
from pathlib import Path

from .labels import Comparator, Direction
from .numbers import find_quantities, parse_quantity
from .targets import FoundTarget, Problem, amount_of_change, names_addition, periods

DATA_FILE = Path(__file__).parent / "data" / "indicator_tables.json"

_YEAR = re.compile(r"((?:19|20)\d{2})")
_BRACKETED = re.compile(r"^[\[［【]([^\]］】]*)[\]］】]")
_UNIT_IN_NAME = re.compile(r"[（(]([^（）()]{1,12})[）)]")
_BASELINE = re.compile(r"[较比]((?:19|20)\d{2})年?")
_MARKS = re.compile(r"[★☆▲△※＊*]")          # marks of binding indicators, footnote signs
_HEADER_CELL = 16
_DIGIT = re.compile(r"\d")
_NUMBER_ONLY = re.compile(r"[\d.%％≥≤><＞＜\[\]［］-]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CATEGORY_CHARS = 20
_SENTENCE_END = re.compile(r"[。；：:]")
_FOOTNOTE = re.compile(r"^[\d.]{1,4}")        # a footnote number or a subscript (PM2.5) after the unit
_ROW_NUMBER = re.compile(r"^\d{1,3}[.．、](?!\d)")   # a row's 序号 printed in its name cell (20.化肥施用量)
# a note in brackets after a value says what it covers (11.8（省控及以上）, 48（以50个省考断面计）)
_NOTE = re.compile(r"[（(][^（）()]*[\u4e00-\u9fff][^（）()]*[）)]")
_YEAR_CELL = re.compile(r"^((?:19|20)\d{2})年?度?$")
_YEAR_TABLE_HEADER_ROWS = 3     # a caption row, the indicators, the places under them


@dataclass
class TableScan:
    targets: list[FoundTarget]
    rows: list[tuple[int, int]]
    """Every row of every indicator table (header included): prose rules leave them alone."""
    unread: list[Problem] = field(default_factory=list)
    """Rows of an indicator table that hold numbers under a target year but gave no target."""


@dataclass(frozen=True)
class _Cell:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class _Columns:
    indicator: list[int]              # the columns that may hold the names; the fullest does
    unit: int | None
    targets: list[tuple[int, int]]    # (column, year)
    base: tuple[int, int] | None      # (column, year)
    attribute: int | None


class _Vocabulary:
    def __init__(self, data: dict):
        self.indicator = re.compile("|".join(data["indicator_headers"]))
        self.not_indicator = re.compile("|".join(data["not_indicator_headers"]))
        self.unit = re.compile("^(?:" + "|".join(data["unit_headers"]) + ")$")
        self.attribute = re.compile("|".join(data["attribute_headers"]))
        self.attributes = tuple(data["attributes"])
        self.base = re.compile("|".join(data["base_year_words"]))
        self.target = re.compile("|".join(data["target_year_words"]))
        self.skip = re.compile("|".join(data["skip_columns"]))
        self.periods = periods()
        self.decrease = re.compile("|".join(data["decrease_words"]))
        self.increase = re.compile("|".join(data["increase_words"]))
        self.decrease_name = re.compile(data["decrease_name"])
        self.increase_name = re.compile(data["increase_name"])
        self.comparators = [(re.compile(c["pattern"]), Comparator(c["comparator"]))
                            for c in data["comparators"]]
        self.empty = re.compile(data["empty_cell"])
        self.region = re.compile("|".join(re.escape(w) for w in data["region_headers"]))
        self.region_prefixes = tuple(data["region_prefixes"])
        self.place = re.compile(data["place_cell"])
        self.topic = re.compile(r"(?:19|20)\d{2}年度?|" + "|".join(data["target_topic_words"]))


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    return _Vocabulary(json.loads(DATA_FILE.read_text(encoding="utf-8")))


def read_tables(text: str, start: int = 0, end: int | None = None, plan_year: int | None = None,
                period_year: int | None = None) -> TableScan:
    """The targets of every indicator table in ``text[start:end]``. ``plan_year`` makes earlier
    columns history; ``period_year`` (2025 for a 十四五 plan) dates a column headed 规划目标."""
    end = len(text) if end is None else end
    vocab = _vocabulary()
    scan = TableScan([], [])
    rows = _tab_rows(text, start, end)
    i = 0
    while i < len(rows):
        names = _names(rows[i])
        head = 1
        if i + 1 < len(rows) and _follows(rows[i], rows[i + 1]) and _is_subheader(rows[i + 1], vocab):
            below = _names(rows[i + 1])    # 规划目标 over 2025年目标值 | 五年累计
            names = [a + b for a, b in zip_longest(names, below, fillvalue="")]
            head = 2
        caption = _line_before(text, rows[i][0].start)
        own_period = _period_named(" ".join(names) + caption, vocab)
        columns = _columns(names, vocab, plan_year, own_period or period_year)
        if columns is None:
            places = _place_table(text, rows, i, vocab, plan_year) or _year_table(text, rows, i, vocab, plan_year)
            if places is not None:
                j, found = places
                scan.rows.extend((row[0].start, row[-1].end) for row in rows[i:j])
                scan.targets.extend(found)
                i = j
                continue
            i += 1
            continue
        j = i + head
        # the table goes on over the following lines, until a line without cells or a new header
        while j < len(rows) and _continues(text, rows[j - 1], rows[j]) \
                and _columns(_names(rows[j]), vocab, plan_year, period_year) is None:
            j += 1
        scan.rows.extend((row[0].start, row[-1].end) for row in rows[i:j])
        found, skipped = _read_block(text, rows[i + head:j], len(names), columns, vocab)
        scan.targets.extend(found)
        if skipped:
            scan.unread.append(Problem(rows[i][0].start, rows[j - 1][-1].end,
                                       f"{len(skipped)} of {j - i - head} rows of an indicator table hold "
                                       f"numbers but no indicator name where one should be; not read"))
        i = j
    return scan


def _tab_rows(text: str, start: int, end: int) -> list[list[_Cell]]:
    """Each line holding a tab, as its cells with their offsets."""
    rows = []
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop
        if "\t" in text[pos:stop]:
            cells, at = [], pos
            for piece in text[pos:stop].split("\t"):
                cells.append(_Cell(piece, at, at + len(piece)))
                at += len(piece) + 1
            rows.append(cells)
        pos = stop + 1
    return rows


def _line_before(text: str, start: int) -> str:
    """The line above a table's header: its caption (表1-1 “十三五”…完成情况)."""
    end = max(start - 1, 0)
    return text[text.rfind("\n", 0, end) + 1:end]


def _period_named(words: str, vocab: _Vocabulary) -> int | None:
    """The year the latest five-year period named in ``words`` ends (“十三五” → 2020), if any."""
    return max((year for period, year in vocab.periods.items() if period in words), default=None)


def _names(row: list[_Cell]) -> list[str]:
    return [c.text.replace(" ", "") for c in row]


def _follows(above: list[_Cell], row: list[_Cell]) -> bool:
    """Whether ``row`` is the line right after ``above``."""
    return row[0].start == above[-1].end + 1


def _continues(text: str, above: list[_Cell], row: list[_Cell]) -> bool:
    """Whether ``row`` goes on with the table of ``above``: the next line, or the line after a
    category row that the reader wrote without cells (``（一）总体指标`` over the rows it groups)."""
    if _follows(above, row):
        return True
    between = text[above[-1].end + 1:row[0].start - 1]
    return 0 < len(between) <= _CATEGORY_CHARS and "\n" not in between and not _SENTENCE_END.search(between) \
        and text[row[0].start - 1] == "\n"


def _is_subheader(row: list[_Cell], vocab: _Vocabulary) -> bool:
    """A second header line: only dated or column words (2025年目标值, 五年累计), no data."""
    cells = [c for c in _names(row) if c]
    return bool(cells) and all(_YEAR.search(c) or vocab.target.search(c) or vocab.base.search(c)
                               or vocab.skip.search(c) for c in cells) \
        and not any(_NUMBER_ONLY.fullmatch(c) for c in cells)


def _columns(names: list[str], vocab: _Vocabulary, plan_year: int | None,
             period_year: int | None) -> _Columns | None:
    """The role of each column, or None when the names are no indicator-table header."""
    if any(len(name) > _HEADER_CELL or _DIGIT.search(_YEAR.sub("", name)) for name in names):
        return None     # a header names its columns in a few words; a number is data
    named = [i for i, name in enumerate(names)
             if vocab.indicator.search(name) and not vocab.not_indicator.search(name)]
    if not named:
        return None
    candidates = []
    for i in named:     # "指标" over two columns: the category, then the name
        candidates.append(i)
        while i + 1 < len(names) and not names[i + 1]:
            i += 1
            candidates.append(i)
    unit = next((i for i, name in enumerate(names) if vocab.unit.match(name)), None)
    attribute = next((i for i, name in enumerate(names) if vocab.attribute.search(name)), None)
    dated: list[tuple[int, int, bool]] = []   # (column, year, is a base year)
    for i, name in enumerate(names):
        if i in candidates or i in (unit, attribute) or not name or vocab.skip.search(name):
            continue
        year = _year(name, vocab)
        if year is None and vocab.target.search(name):
            year = period_year
        if year is None:
            continue
        dated.append((i, year, bool(vocab.base.search(name)) and not vocab.target.search(name)))
    targets = [(i, y) for i, y, base in dated if not base]
    if plan_year is not None:
        targets = [(i, y) for i, y in targets if y >= plan_year]   # 2020年目标 in 2021: history
    elif len(targets) > 1:
        latest = max(y for _, y in targets)
        targets = [(i, y) for i, y in targets if y == latest or vocab.target.search(names[i])]
    if not targets:
        return None
    bases = [(i, y) for i, y, _ in dated if (i, y) not in targets]
    return _Columns(candidates, unit, targets, bases[-1] if bases else None, attribute)


def _year(name: str, vocab: _Vocabulary) -> int | None:
    m = _YEAR.search(name)
    return int(m.group(1)) if m else _period_named(name, vocab)


def _read_block(text: str, rows: list[list[_Cell]], width: int, columns: _Columns,
                vocab: _Vocabulary) -> tuple[list[FoundTarget], list[list[_Cell]]]:
    """The targets of a table's rows, and the rows left unread although a target-year cell holds
    a number (cells out of place, or no indicator named yet): the plan says so rather than lose them."""
    found, skipped = [], []
    indicator = ""
    # a row short of cells lost a merged leading cell; a longer one has cells the header lacks
    rows = [[_Cell("", row[0].start, row[0].start)] * (width - len(row)) + row for row in rows]
    attribute = _attribute_column(rows, vocab, columns.attribute)
    names_at = max(columns.indicator, key=lambda c: sum(1 for row in rows if c < len(row)
                                                         and len(_CJK.findall(row[c].text)) > 1))
    for row in rows:
        name_cell = row[names_at].text.strip()
        if _CJK.search(name_cell):
            indicator = _ROW_NUMBER.sub("", name_cell)
        elif name_cell or not indicator:
            # cells out of place: no indicator name where one should be
            if any(column < len(row) and _DIGIT.search(row[column].text) for column, _ in columns.targets):
                skipped.append(row)
            continue
        name, unit = _split_unit(indicator, row[columns.unit].text.strip() if columns.unit is not None else "")
        printed = row[attribute].text.strip() if attribute is not None and attribute < len(row) else ""
        modality = printed if printed.startswith(vocab.attributes) else None
        for column, year in columns.targets:
            cell = _with_base_words(row, column, columns)
            target = _target(cell, name, unit, columns, vocab)
            if target is not None:
                found.append(_found(text, row, cell, target, year, modality))
    return found, skipped


def _with_base_words(row: list[_Cell], column: int, columns: _Columns) -> _Cell:
    """The value cell of ``column``, with the words of the base cell right before it when they hold
    no value of their own: one cell merged over both columns that the reader split (``5年下降`` |
    ``率为7%``, a change over the period printed in words), so its words say the direction."""
    cell = row[column]
    if columns.base is None or columns.base[0] != column - 1:
        return cell
    words = row[column - 1].text.strip()
    if not _CJK.search(words) or any(not words.startswith("年", q.end) for q in find_quantities(words)):
        return cell
    return _Cell(words + cell.text, cell.start, cell.end)


def _found(text: str, row: list[_Cell], cell: _Cell, target: tuple, year: int,
           modality: str | None) -> FoundTarget:
    """The target of one value cell, spanning its row."""
    start, end = row[0].start, row[-1].end
    return FoundTarget(start, end, target[0], target[1], target[2], target[3], target[4], target[5],
                       year, target[6], modality, text[start:end], (cell.start, cell.end))


def _place_table(text: str, rows: list[list[_Cell]], i: int, vocab: _Vocabulary,
                 plan_year: int | None) -> tuple[int, list[FoundTarget]] | None:
    """A table of targets per place (``附件1 2021年各县（市）区工业技改投资预期目标``; cells apart by
    tabs)::

        序号  县（市）区  2021年工业技改投资预期目标
                          总量（亿元）  比增（%）
        1     鼓楼区      21            9

    A column of places, a dated header over the value columns and their names on the line below:
    each number is the target of its place, ``鼓楼区工业技改投资总量`` 21亿元. Returns the index of
    the row after the table and its targets, or None when ``rows[i]`` opens no such table."""
    names = _names(rows[i])
    place = next((k for k, name in enumerate(names) if vocab.region.fullmatch(name)), None)
    if place is None or i + 1 >= len(rows) or not _follows(rows[i], rows[i + 1]):
        return None
    groups = [(k, year) for k, name in enumerate(names)
              if k > place and vocab.target.search(name) and (year := _year(name, vocab)) is not None
              and (plan_year is None or year >= plan_year)]
    values = []         # (column, year, the dated header's topic, the column's name)
    for k, below in enumerate(_names(rows[i + 1])):
        group = [g for g in groups if g[0] <= k]
        if k > place and below and group:
            topic = vocab.topic.sub("", names[group[-1][0]])
            values.append((k, group[-1][1], topic, below))
    if not values:
        return None
    j = i + 2
    while j < len(rows) and _follows(rows[j - 1], rows[j]) and _place(rows[j], place, vocab) is not None:
        j += 1
    found = []
    for row in rows[i + 2:j]:
        where = _place(row, place, vocab)
        for k, year, topic, below in values:
            if k >= len(row):
                continue
            name, unit = _split_unit(below, "")
            columns = _Columns([place], None, [(k, year)], None, None)
            target = _target(row[k], where + topic + name, unit, columns, vocab)
            if target is not None:
                found.append(_found(text, row, row[k], target, year, None))
    return j, found


def _year_table(text: str, rows: list[list[_Cell]], i: int, vocab: _Vocabulary,
                plan_year: int | None) -> tuple[int, list[FoundTarget]] | None:
    """A table of targets with a row per year, opened by ``rows[i]``::

        时间（年）  具体创建目标
                    城镇新建民用建筑中绿色建筑占比（%）      星级绿色建筑占新建民用建筑比例（%）
                    全市    禅城区    南海区                 全市
        2022        80%     80%       80%                    -
        2025        100%    100%      100%                   45%

    Each number is the target of its row's year for its column; ``-`` is none. The columns under
    the year column name indicators, or places under indicator names printed above them (the
    reader gives a merged cell once, so the places are shared out in order, a new indicator
    starting where a place comes again): ``禅城区城镇新建民用建筑中绿色建筑占比`` 80% by 2022. A year
    before the plan's own is history. The header or the caption must name a target (目标, 规划):
    a table of estimates (测算表) commits to nothing. Returns the index of the row after the
    table and its targets, or None when ``rows[i]`` opens no such table."""
    k = i
    while k < min(i + _YEAR_TABLE_HEADER_ROWS, len(rows) - 1) and _year_row(rows[k]) is None \
            and _follows(rows[k], rows[k + 1]):
        k += 1
    if k == i or _year_row(rows[k]) is None:
        return None
    header = [_names(row) for row in rows[i:k]]
    if not any(vocab.target.search(name) for names in header for name in names) \
            and not vocab.target.search(_line_before(text, rows[i][0].start)):
        return None
    labels = _year_table_labels(header, vocab)
    if labels is None:
        return None
    j = k
    while j < len(rows) and _follows(rows[j - 1], rows[j]) and _year_row(rows[j]) is not None:
        j += 1
    found = []
    for row in rows[k:j]:
        year = _year_row(row)
        if plan_year is not None and year < plan_year:
            continue
        for column, (name, unit) in labels.items():
            if column < len(row):
                columns = _Columns([0], None, [(column, year)], None, None)
                target = _target(row[column], name, unit, columns, vocab)
                if target is not None:
                    found.append(_found(text, row, row[column], target, year, None))
    return (j, found) if found else None


def _year_row(row: list[_Cell]) -> int | None:
    """The year a row of a table by years is about: its first cell, a year alone (2025, 2025年)."""
    m = _YEAR_CELL.match(row[0].text.replace(" ", ""))
    return int(m.group(1)) if m and len(row) > 1 else None


def _year_table_labels(header: list[list[str]], vocab: _Vocabulary) -> dict[int, tuple[str, str]] | None:
    """(indicator, unit) of each value column of a table by years, from its header rows; None
    when the places of the last row have no indicators above them or cannot be shared out."""
    last = {c: name for c, name in enumerate(header[-1]) if c and name}
    if not last:
        return None
    if not all(vocab.place.fullmatch(name) for name in last.values()):
        return {c: _split_unit(name, "") for c, name in last.items()}
    above = [name for name in header[-2][1:] if name] if len(header) > 1 else []
    groups: list[list[int]] = []
    for c, place in last.items():
        if not groups or place in (last[g] for g in groups[-1]):
            groups.append([])
        groups[-1].append(c)
    if len(above) == 1:
        groups = [[c for group in groups for c in group]]
    if not above or len(above) != len(groups):
        return None
    labels = {}
    for indicator, group in zip(above, groups):
        name, unit = _split_unit(indicator, "")
        labels.update((c, (last[c] + name, unit)) for c in group)
    return labels


def _place(row: list[_Cell], column: int, vocab: _Vocabulary) -> str | None:
    """The place a row of a table per place is about: its cell in the places' column, else the
    words in a cell before it (``全市`` printed over the 序号 column), without ``其中：``."""
    cells = ([row[column]] if column < len(row) else []) + row[:column]
    for cell in cells:
        words = cell.text.strip()
        for prefix in vocab.region_prefixes:
            words = words.removeprefix(prefix)
        if len(_CJK.findall(words)) >= 2:
            return words
    return None


def _attribute_column(rows: list[list[_Cell]], vocab: _Vocabulary, header: int | None) -> int | None:
    """The column whose cells are mostly 约束性 / 预期性, whatever its header says (属性, 指标类别…)."""
    for column in range(max(map(len, rows), default=0) - 1, -1, -1):
        cells = [row[column].text.strip() for row in rows if column < len(row) and row[column].text.strip()]
        if cells and sum(cell.startswith(vocab.attributes) for cell in cells) * 2 > len(cells):
            return column
    return header


def _split_unit(indicator: str, unit_cell: str) -> tuple[str, str]:
    """The indicator's name and unit: the unit column, else the last bracket of the name that
    reads as a unit (``全社会用电量（亿千瓦时）``; ``细颗粒物（PM）浓度（μg/m3）`` → μg/m3)."""
    indicator = _MARKS.sub("", indicator)
    for m in reversed(list(_UNIT_IN_NAME.finditer(indicator))):
        if _is_unit(m.group(1)):
            rest = _FOOTNOTE.sub("", indicator[m.end():])
            return (indicator[:m.start()] + rest).strip(), unit_cell or m.group(1)
    return indicator, unit_cell


def _is_unit(words: str) -> bool:
    if words[:1].isdigit():
        return False                         # （100%）: a note, not a unit
    found = list(find_quantities("1" + words))
    return len(found) == 1 and found[0].end == len(words) + 1 and not found[0].bare


def _target(cell: _Cell, name: str, unit: str, columns: _Columns, vocab: _Vocabulary):
    """(indicator, value, value_max, unit, comparator, direction, baseline year) of one value
    cell, or None when the cell holds no number."""
    words = cell.text.strip()
    if not words or vocab.empty.fullmatch(words):
        return None
    bracketed = _BRACKETED.match(words)      # [13.5]: a total over the period
    if bracketed:
        words = bracketed.group(1) + words[bracketed.end():]
    q = next((q for q in find_quantities(words) if not words.startswith("年", q.end)), None)
    if q is None:
        return None                          # no number, or only a year (比2020年)
    clause_start = max(words.rfind(mark, 0, q.start) for mark in "，；,;") + 1
    clause_end = min([i for i in (words.find(mark, q.end) for mark in "，；,;") if i >= 0] + [len(words)])
    words = words[clause_start:clause_end]   # ≥70%，或较2020年提高5个百分点: one target per clause
    q = next(x for x in find_quantities(words) if not words.startswith("年", x.end))
    value, value_max, cell_unit = q.quantity.value, q.quantity.value_max, q.quantity.unit
    if not cell_unit and unit:
        number = words[q.start:q.end]
        try:
            combined = parse_quantity(number + unit)
        except ValueError:
            combined = None
        if combined is not None:
            value, cell_unit = combined.value, combined.unit
            if value_max is not None:
                value_max = parse_quantity(re.split(r"[-—–～~至]", number)[-1] + unit).value
        else:
            cell_unit = unit
    comparator = Comparator.RANGE if value_max is not None else Comparator.EQ
    unnoted = _NOTE.sub("", words)     # the 以上 of 省控及以上 is no comparator
    for pattern, found in vocab.comparators:
        if comparator is Comparator.EQ and pattern.search(unnoted):
            comparator = found
    direction = Direction.LEVEL
    around = words[:q.start] + words[q.end:]
    if vocab.decrease.search(around) or (not vocab.increase.search(around) and vocab.decrease_name.search(name)):
        direction = Direction.DECREASE
    elif vocab.increase.search(around) or vocab.increase_name.search(name):
        direction = Direction.INCREASE
    baseline = _BASELINE.search(around)
    baseline_year = int(baseline.group(1)) if baseline else None
    # a change is measured from the base column (下降13.5% from 2020's value), but what the period
    # adds (新增2000个) is counted on its own: no baseline then (Jiangsu 559 表1)
    if baseline_year is None and direction is not Direction.LEVEL and columns.base is not None \
            and not names_addition(around.strip()):
        baseline_year = columns.base[1]
    # a 减排量 column is itself the size of the cut: no change from the base column's value
    return name, value, value_max, cell_unit, comparator, amount_of_change(name, cell_unit, comparator, direction), baseline_year
