"""Quantities as Chinese plans print them, read into a value, an optional upper bound and a unit.

Plans mix arabic numbers (``2.5``, ``1,000``), Chinese numerals (``二十五``, ``两千``, ``〇``),
multipliers that belong to the number rather than the unit (``2.5亿千瓦时`` is 250000000 千瓦时,
``50万千瓦`` is 500000 千瓦), word forms of percentages (``百分之五十``, ``两成``, ``翻一番``) and
ranges (``15%—25%``, ``15—25%``, ``2-3家``). This module knows only how numbers are written; whether
a number is a target is ``extractor.targets``' business. The unit vocabulary is data
(``extractor/data/units.jsonl``, read by ``extractor.units``) so a user can add a unit without
touching code.

Public API: ``parse_number``, ``parse_quantity``, ``find_quantities`` and ``lone_multiplier``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Iterator

from .units import rate_denominators, readable_units, unit_table

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000}
_MULTIPLIERS = {"万亿": Decimal(10) ** 12, "千万": Decimal(10) ** 7, "百万": Decimal(10) ** 6,
                "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(10) ** 3}

# Repetitions are bounded (no number is printed with more digits than this): the pattern is
# searched from every numeral of a run, so an unbounded run would make the search quadratic.
_ARABIC = r"\d{1,3}(?:,\d{3}){1,8}(?:\.\d{1,12})?|\d{1,24}(?:\.\d{1,12})?"
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
_CN = rf"[{_CN_CHARS}]{{1,24}}(?:点[零〇一二三四五六七八九]{{1,12}})?"
# 千 before 瓦/伏/米/克 starts a unit (千瓦, 千伏, 千米, 千克), not a multiplier.
_MULT = r"万亿|千万|百万|亿|万|千(?![瓦伏米克])"
_RANGE_SEP = r"——|—|–|－|-|~|～|至|到"
# 成 after a numeral is "tenths" (两成 = 20%) except in these words (形成 cannot occur: 形 is no numeral).
_NOT_TENTHS = "本果为立效员交品型套熟都绩分就长功败像年人批片群规全色"
# where a Latin (SI) unit begins, so that one space may stand before it
_LATIN_START = re.compile(r"^(?=[A-Za-zμ])")


@dataclass(frozen=True)
class Quantity:
    """A value with multipliers folded in; ``value_max`` is the upper end of a range, else None."""
    value: float
    value_max: float | None
    unit: str


@dataclass(frozen=True)
class QuantityMatch:
    """A quantity found in a text: its ``[start, end)`` span, where its unit starts, and its reading.

    ``bare`` is true for a plain number with neither unit nor multiplier (``1.25``, ``2024``): such
    numbers are quantities only where the context says so. ``more`` is true for a number printed
    with 余/多 (``1000余家``, ``100多个``): the value is a lower bound.
    """
    start: int
    end: int
    unit_start: int
    quantity: Quantity
    bare: bool
    more: bool = False


def parse_number(text: str) -> float:
    """Read one number written in arabic digits (``1,000.5``) or Chinese numerals (``二十五``, ``两千``,
    ``二〇二五``, ``五点五``, ``万亿``). Raises ``ValueError`` when ``text`` is no number."""
    return float(_decimal(text.strip()))


def parse_quantity(text: str) -> Quantity:
    """Read a whole quantity such as ``2.5亿千瓦时``, ``15%—25%``, ``百分之五十``, ``两成`` or ``翻一番``.

    A unit that is not in the unit list is kept as printed (``3兆焦`` → 3 ``兆焦``). Raises
    ``ValueError`` when ``text`` does not start with a number.
    """
    text = text.strip()
    m = _patterns().quantity.fullmatch(text)
    if m:
        found = _read(m)
        if found is not None:
            return found
    m = _patterns().loose.fullmatch(text)
    if not m or not set(m["num"]) - set("十百千万亿"):  # "千瓦" is a unit, not 1000 瓦
        raise ValueError(f"not a quantity: {text!r}")
    value = _decimal(m["num"]) * _MULTIPLIERS.get(m["mult"] or "", Decimal(1))
    return Quantity(float(value), None, _clean_unit(m["unit"]))


def find_quantities(text: str, start: int = 0, end: int | None = None) -> Iterator[QuantityMatch]:
    """Yield every quantity in ``text[start:end]`` from left to right, ranges as one quantity.

    Chinese numerals count only with a unit (``三个``), a multiplier (``过万亿``) or as a word form
    (``两成``), so ``一体化`` or ``十大行动`` are not read as numbers; a lone ``一`` with a unit
    (``一批``, ``一个``) is an article, not a count, and is skipped too, except before a unit the
    table marks ``one_counts`` (``一轮``)."""
    end = len(text) if end is None else end
    search = _patterns().quantity.search
    pos = start
    while pos < end:
        m = search(text, pos, end)
        if not m:
            return
        found = _read(m)
        if found is None and (m["hi"] or m["anum"]):
            # not a real range ("下降15%到2030年") nor a share (44/12): read the first number alone
            m = _patterns().single.match(text, m.start(), end)
            found = _read(m)
        if found is None:
            pos = m.start() + 1
            continue
        g = m.groupdict()
        unit = next((name for name in ("unit", "lounit", "cnunit") if g.get(name)), None)
        unit_start = m.start(unit) if unit else m.end()
        bare = bool(g["lo"]) and not (unit or g["lomult"] or g.get("himult") or g["more"])
        yield QuantityMatch(m.start(), m.end(), unit_start, found, bare, bool(g["more"]))
        pos = m.end()


def lone_multiplier(text: str, pos: int, end: int) -> QuantityMatch | None:
    """Read a multiplier printed without a digit before a unit at ``pos`` (``万种`` → 10000 种,
    ``千项`` → 1000 项), or None. ``find_quantities`` never reads one: most such words are no number
    (``万众``, ``千方百计``, ``万元GDP``), so only the caller knows where one counts (after a verb)."""
    m = _patterns().lone.match(text, pos, end)
    if not m:
        return None
    quantity = Quantity(float(_decimal(m["mult"])), None, _clean_unit(m["unit"]))
    return QuantityMatch(m.start(), m.end(), m.start("unit"), quantity, bare=False)


@dataclass(frozen=True)
class _Patterns:
    quantity: re.Pattern
    single: re.Pattern
    loose: re.Pattern
    lone: re.Pattern


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    single_unit = _alternatives(readable_units())
    per = _alternatives(readable_units() + rate_denominators())
    # a composite unit is kept whole: 公里/万人, 吨/万平方米, 克标准煤/千瓦时, a rate: 片/月, and a
    # denominator that is a product: 吨/月·平方公里
    unit = rf"(?:{single_unit})(?:[/／](?:{_MULT}|百|十)?(?:{per})(?:[·・](?:{single_unit}))?)?"
    first = rf"(?P<lo>{_ARABIC})(?P<lomult>{_MULT})?(?P<more>余|多)?(?P<lounit>{unit})?"
    arabic = rf"{first}(?:(?:{_RANGE_SEP})(?P<hi>{_ARABIC})(?P<himult>{_MULT})?)?(?P<unit>{unit})?"
    words = (rf"百分之(?P<pct>{_CN}|{_ARABIC})"
             rf"|(?P<fden>[二三四五六七八九十]+)分之(?P<fnum>[一二三四五六七八九十]+)"
             rf"|(?P<tenths>[一二两三四五六七八九])成(?![{_NOT_TENTHS}])"
             rf"|翻(?P<times>[一两二三四])?番"
             rf"|(?P<ra>{_ARABIC})[：:](?P<rb>{_ARABIC})(?![\d.])")
    # 1/3, 2/5: a fraction of small whole numbers, never a part of a date (2022/1/3) or a code
    fraction = r"(?<![/／])(?P<anum>\d{1,3})[/／](?P<aden>\d{1,3})(?![\d.／/])"
    cn_units = _alternatives(readable_units(after_chinese=True))
    cn_unit = rf"(?:{cn_units})(?:[/／](?:{_MULT}|百|十)?(?:{per})(?:[·・](?:{single_unit}))?)?"
    chinese = rf"(?P<cn>{_CN})(?P<cnunit>{cn_unit})|(?P<cnbig>[{_CN_CHARS}]{{1,24}}[万亿])(?=[，。；、]|$)"
    # A number is never the tail of a longer number or of a Latin name (PM2.5, CO2, 5G). The
    # look-ahead on the first character lets the regex engine skip ordinary text quickly.
    edge_before = rf"(?=[\d{_CN_CHARS}翻])(?<![\d.A-Za-z])"
    edge_after = r"(?![A-Za-z])"
    quantity = re.compile(rf"{edge_before}(?:{words}|{fraction}|{arabic}|{chinese}){edge_after}")
    single = re.compile(rf"{edge_before}(?:{words}|{first}|{chinese}){edge_after}")
    loose = re.compile(rf"(?P<num>{_ARABIC}|{_CN})(?P<mult>{_MULT})?(?P<unit>.*)")
    # a multiplier run on into another numeral (千方百计) or into a name (万吨级) is no count
    lone = re.compile(rf"(?P<mult>{_MULT}|百)(?P<unit>{single_unit})(?![{_CN_CHARS}级])")
    return _Patterns(quantity, single, loose, lone)


def _alternatives(units: list[str]) -> str:
    """A regex of the unit words, longest first (``千瓦时`` before ``千瓦``), either slash allowed.
    A Latin unit may stand one space after its number (``5 t/d``, ``100 MW``), as SI prints it."""
    return "|".join(_LATIN_START.sub(" ?", re.escape(u), count=1).replace("/", "[/／]")
                    for u in sorted(set(units), key=len, reverse=True))


def _read(m: re.Match) -> Quantity | None:
    """Turn one match of the quantity pattern into a Quantity; None when it is no real quantity."""
    g = m.groupdict()
    if g["pct"]:
        return Quantity(float(_decimal(m["pct"])), None, "%")
    if g["fden"]:  # 三分之一: a fraction, read as a share in %
        return Quantity(float(_decimal(g["fnum"]) / _decimal(g["fden"]) * 100), None, "%")
    if g["tenths"]:
        return Quantity(float(_DIGITS[g["tenths"]] * 10), None, "%")
    if m.group(0).startswith("翻"):
        times = _DIGITS.get(g["times"] or "一", 1)
        return Quantity(float((2 ** times - 1) * 100), None, "%")
    if g.get("anum"):  # 1/3 as a share in %, as 三分之一 is; 44/12 is a ratio of its own, no share
        a, b = _decimal(g["anum"]), _decimal(g["aden"])
        return Quantity(float(a / b * 100), None, "%") if 0 < a < b else None
    if g["ra"]:
        a, b = _decimal(g["ra"]), _decimal(g["rb"])
        return Quantity(float(a / b), None, "") if b else None
    if g["cn"]:
        if g["cn"] == "一" and not _one_counts(g["cnunit"]) or not set(g["cn"]) - set("十百千万亿"):
            return None
        return Quantity(float(_decimal(g["cn"])), None, _clean_unit(g["cnunit"]))
    if g["cnbig"]:
        return Quantity(float(_decimal(g["cnbig"])), None, "")
    return _read_arabic(g)


def _read_arabic(g: dict) -> Quantity | None:
    lo_mult = _MULTIPLIERS.get(g["lomult"] or "")
    hi_mult = _MULTIPLIERS.get(g.get("himult") or "")
    unit = g.get("unit") or g["lounit"] or ""
    if not g.get("hi"):
        value = _decimal(g["lo"]) * (lo_mult or 1)
        return Quantity(float(value), None, _clean_unit(unit))
    if g["lounit"] and g["unit"] and g["lounit"] != g["unit"]:
        return None
    if g["lounit"] and not g["unit"]:
        return None  # "下降15%到2030年": the second number is no upper bound
    # "1-2万辆": the multiplier printed once belongs to both ends
    low = _decimal(g["lo"]) * (lo_mult or hi_mult or 1)
    high = _decimal(g["hi"]) * (hi_mult or lo_mult or 1)
    if high <= low:
        return None  # dates (2024-07) and codes, not ranges
    return Quantity(float(low), float(high), _clean_unit(unit))


def _one_counts(unit: str | None) -> bool:
    """Whether a lone ``一`` before ``unit`` is a count (``一轮``) rather than an article (``一个``)."""
    entry = unit_table().get(_clean_unit(unit))
    return entry is not None and entry.one_counts


def _clean_unit(unit: str | None) -> str:
    return (unit or "").replace("／", "/").strip()


def _decimal(text: str) -> Decimal:
    if not text:
        raise ValueError("empty number")
    if text[0].isdigit():
        try:
            return Decimal(text.replace(",", ""))
        except ArithmeticError as exc:
            raise ValueError(f"not a number: {text!r}") from exc
    whole, _, fraction = text.partition("点")
    value = _chinese_integer(whole) if whole else Decimal(0)
    if fraction:
        value += Decimal("0." + "".join(str(_digit(c)) for c in fraction))
    return value


def _digit(ch: str) -> int:
    if ch not in _DIGITS:
        raise ValueError(f"not a Chinese digit: {ch!r}")
    return _DIGITS[ch]


def _chinese_integer(text: str) -> Decimal:
    """``二十五`` → 25, ``三亿五千万`` → 350000000, ``二〇二五`` → 2025, ``万亿`` → 10**12."""
    if not set(text) & (_SMALL.keys() | _BIG.keys()):
        return Decimal("".join(str(_digit(c)) for c in text))
    total = section = number = 0
    for ch in text:
        if ch in _DIGITS:
            number = _DIGITS[ch]
        elif ch in _SMALL:
            section += (number or 1) * _SMALL[ch]
            number = 0
        elif ch == "万":
            total += (section + number or 1) * _BIG[ch]
            section = number = 0
        elif ch == "亿":
            total = (total + section + number or 1) * _BIG[ch]
            section = number = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return Decimal(total + section + number)
