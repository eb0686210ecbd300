"""Text normalisation that never loses track of where each character came from.

Plans arrive with full-width digits, half-width brackets, page-number lines (``— 2 —``), words
broken across page breaks (``生\\n\\n态空间``), stray spaces (``2030 年``) and invisible format
characters (a zero-width space, a soft hyphen, a direction mark, copied along from a web page). The
rules downstream want one clean form, but every fact must point back into the text as printed. So
normalisation is a few steps that keep a map: a one-to-one character translation (offsets unchanged),
then deletions only (each kept character remembers its source index).
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass

from .vocabulary import alternatives, load

_WIDTH = {**{0xFF10 + i: 0x30 + i for i in range(10)},            # ０-９ → 0-9
          **{0xFF21 + i: 0x41 + i for i in range(26)},            # Ａ-Ｚ
          **{0xFF41 + i: 0x61 + i for i in range(26)},            # ａ-ｚ
          ord("％"): "%", ord("("): "（", ord(")"): "）", ord(":"): "：",
          ord(";"): "；", ord("\u3000"): " ", ord("\xa0"): " ", ord("\r"): " ",
          ord("﹪"): "%", ord("．"): "．", ord("〈"): "〈",
          # the dash look-alikes of a span (2022―2025 with a horizontal bar, a figure dash, a small
          # em dash) become the em dash every rule accepts
          ord("―"): "—", ord("‒"): "—", ord("﹘"): "—",
          # government typesetting fonts that print punctuation from the private-use plane 16:
          # the decimal point of ５３.６％ and the middle dot of 绿满齐鲁·美丽山东 (bulk2 77, bulk 108)
          0x1001B0: ".", 0x100170: "·"}

# A full stop printed as "." (some typesetting fonts set 。 so: bulk2 77, bulk 107): a "." after an
# ideograph, a closing quote or a per cent sign and before an ideograph or an opening quote or
# bracket, where no decimal point can stand. A numeral that opens its line, alone or after a
# short label (一. 专栏一.), is an ordinal and keeps its dot.
_FULL_STOP = re.compile(r"(?<=[\u4e00-\u9fff”’%％])\.(?=[\u4e00-\u9fff“‘（(《])")
# A cubic sign the font could not map, printed as "?": after the gram units of a concentration
# (μg/m?, mg/m?: bulk2 451) only a cube can stand, so the length-keeping fix is safe there.
_LOST_CUBE = re.compile(r"(?<=[μum]g/m)\?")
_ORDINAL = re.compile(r"[^\S\n]*[\u4e00-\u9fff]{0,4}?[一二三四五六七八九十]+")
_PAGE_NUMBER = re.compile(r"^[ \t]*(?:[—–\-－一]{1,2}[ \t]*\d{1,3}[ \t]*[—–\-－一]{1,2}|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*共[ \t]*\d+[ \t]*页)?)[ \t]*$\n?", re.M)
# Horizontal white space is noise in Chinese text unless it separates two ASCII words or numbers,
# or holds a tab: readers put one between the cells of a table row.
_SPACES = re.compile(r"[ \t]+")
_BLANKS = re.compile(r" +")
_ASCII_WORD = re.compile(r"[A-Za-z0-9.%]")
_HEADING_START = re.compile(
    r"[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|\d{1,2}[.．、](?!\d)|（\d{1,2}）|[①-⑳]|第[一二三四五六七八九十]+[章节条部分]|附件")


def _field_labels() -> list[str]:
    """The labels that open a field line of an item: its units (责任处室：…) or deadline (完成时限：…)."""
    units = load("unit_clauses")
    return [*units["lead_labels"], *units["support_labels"], *units["plain_labels"], *load("deadlines")["labels"]]


# a field line starts a line of its own, as a heading does
_FIELD_START = re.compile(rf"(?:{alternatives(_field_labels())})：")
_SENTENCE_MARK = re.compile(r"[，。；]")
_OPEN_END = re.compile(r"[^。！？；：”’）】〕］》!?;\]\s]$")


@dataclass
class NormText:
    """Normalised text plus, for each of its characters, the index of that character in the source."""
    text: str
    offsets: array  # offsets[i] = source index of text[i]; offsets[len(text)] = len(source)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the normalised text to the source text."""
        if end <= start:
            s = self.offsets[start]
            return s, s
        return self.offsets[start], self.offsets[end - 1] + 1


def normalize(source: str) -> NormText:
    """Return the normalised text and its map back to ``source``."""
    text = _LOST_CUBE.sub("³", _full_stops(source.translate(_WIDTH)))
    text = _to_simplified_if_traditional(text)
    invisible = _format_characters(text)
    if not invisible:
        return _apply(text, list(_deletions(text)))
    # Format characters go first, so that the rules for spaces and broken lines see the text as
    # it reads; the two maps are then chained back to the source.
    visible = _apply(text, invisible)
    cleaned = _apply(visible.text, list(_deletions(visible.text)))
    cleaned.offsets = array("i", (visible.offsets[i] for i in cleaned.offsets))
    return cleaned


def _full_stops(text: str) -> str:
    """``text`` with each "." that can only be a full stop read as 。 (see ``_FULL_STOP``); the
    length is kept, so offsets do not move."""
    def stop(match: re.Match) -> str:
        line_start = text.rfind("\n", 0, match.start()) + 1
        return "." if _ORDINAL.fullmatch(text, line_start, match.start()) else "。"
    return _FULL_STOP.sub(stop, text)


def _format_characters(text: str) -> list[tuple[int, int]]:
    """Runs of Unicode format characters (category Cf: U+200B, U+FEFF, U+00AD, U+200E, U+202E,
    U+2060 …). They print as nothing, yet ``区发展\\u200b改革局`` would be a second department."""
    found = [c for c in set(text) if unicodedata.category(c) == "Cf"]
    if not found:
        return []
    runs = re.compile("[" + "".join(map(re.escape, found)) + "]+")
    return [(m.start(), m.end()) for m in runs.finditer(text)]


def _to_simplified_if_traditional(text: str) -> str:
    try:
        from .script import is_traditional, to_simplified
    except ImportError:  # pragma: no cover - script support is part of the package
        return text
    return to_simplified(text) if is_traditional(text) else text


def _deletions(text: str):
    """Yield ``(start, end)`` ranges to delete, in increasing order and not overlapping."""
    pages = [(m.start(), m.end()) for m in _PAGE_NUMBER.finditer(text)]
    spaces = []
    for m in _SPACES.finditer(text):
        a, b = m.start(), m.end()
        if "\t" in text[a:b]:  # tabs separate table cells (readers join cells with one): keep them
            spaces.extend((a + s.start(), a + s.end()) for s in _BLANKS.finditer(text[a:b]))
            continue
        before = text[a - 1] if a else "\n"
        after = text[b] if b < len(text) else "\n"
        if _ASCII_WORD.match(before) and _ASCII_WORD.match(after):
            continue
        spaces.append((a, b))
    merged = merge_ranges(pages + spaces)
    yield from merge_ranges(merged + list(_broken_lines(text, merged)))


def _broken_lines(text: str, removed: list[tuple[int, int]]):
    """Find newline runs that split one paragraph, as page breaks do.

    A break is repaired when the line before it is unfinished (no closing punctuation), the line
    after it does not start a heading, neither line is a table row, and either a page-number line
    stood between them or the line before is body text (it has a sentence mark; titles and bare
    headings have none).
    """
    removed_at = {a: b for a, b in removed}
    for m in re.finditer(r"\n[\s\n]*\n|\n", text):
        a, b = m.start(), m.end()
        # extend over deleted page-number lines and further blank lines
        crossed_page = False
        while b in removed_at or (b < len(text) and text[b] == "\n"):
            if b in removed_at:
                crossed_page = crossed_page or "\n" in text[b:removed_at[b]]
                b = removed_at[b]
            else:
                b += 1
        line_start = text.rfind("\n", 0, a) + 1
        before = text[line_start:a].strip()
        after = text[b:b + 12].lstrip()
        if not before or not after or not _OPEN_END.search(before):
            continue
        if "\t" in text[line_start:a] or _holds_tab(text, b):
            continue        # a table row (cells apart by tabs) is a line of its own
        if _HEADING_START.match(after) or _FIELD_START.match(after):
            continue
        if crossed_page or _SENTENCE_MARK.search(before):
            yield a, b


def _holds_tab(text: str, start: int) -> bool:
    """Whether the line starting at ``start`` holds a tab, as the rows of a table do."""
    end = text.find("\n", start)
    return "\t" in text[start:end if end >= 0 else len(text)]


def merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ranges covering the same characters."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _apply(text: str, deletions: list[tuple[int, int]]) -> NormText:
    pieces: list[str] = []
    offsets = array("i")
    pos = 0
    for a, b in deletions:
        if a > pos:
            pieces.append(text[pos:a])
            offsets.extend(range(pos, a))
        pos = max(pos, b)
    pieces.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    offsets.append(len(text))
    return NormText("".join(pieces), offsets)
