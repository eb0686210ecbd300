"""From positioned lines of PDF text to paragraphs: the layout half of the PDF reader.

A PDF has no paragraphs, only glyphs at positions. Plans are typeset the same way nearly
everywhere (A4, body text justified between two margins, a first-line indent of two characters,
page numbers such as ``— 2 —`` at the foot), so a paragraph boundary can be read off the
geometry: the previous line stops short of the right margin, the line is indented, the gap above
it is wider than the line spacing, its type size differs, or it opens with a heading number
(一、 （一） 1． （1）) right after a sentence ended. Everything else is a hard line wrap and is
joined. Unit clauses such as ``（责任单位：…）`` set on a line of their own stay with the paragraph
they belong to, as in the plans' text versions.

This module knows nothing of pypdfium2 or pdfplumber; ``pdf.py`` feeds it ``Line`` objects, so
the rules can be tested on hand-made lines.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median

# Page numbers as plans print them: "— 2 —", "- 2 -", "·2·", "2", "第 2 页", "2 / 14".
_PAGE_NUMBER = re.compile(r"^[\s\-—–－‐―~〜·•_]*(第\s*)?[0-9０-９]{1,4}(\s*页)?"
                          r"(\s*[/／]\s*(共\s*)?[0-9０-９]{1,4}\s*页?)?[\s\-—–－‐―~〜·•_]*$")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十]+[）)]|"
                      r"[0-9０-９]{1,2}[.．、](?![0-9０-９])|[（(][0-9０-９]{1,2}[）)]|[①-⑳]|"
                      r"第[一二三四五六七八九十百]+[章节条部分])")
_UNIT_CLAUSE = re.compile(r"^[（(［\[〔【]\s*(?:责任|牵头|配合|参与|参加|协办|主办)(?:单位|部门)")
# how far back in its paragraph an open bracket may stand for the next lines to go on with it (a long unit list)
_BRACKET_REACH = 300
_SENTENCE_END = "。；：！？;:!?）)〕］】」』”"
_DIGITS = re.compile(r"[0-9０-９]+")
# Some converters push the last character or two of a full line onto a line of their own
# ("…落实海绵城市建" / "设要" / "求，推动…"); such a stub ends mid-sentence.
_CJK_END = re.compile(r"[\u4e00-\u9fff，、]$")
_STUB_CHARS = 4
_LATIN_RUN = re.compile(r"[A-Za-z0-9.,%+\-/]+")
_OPENING = "“‘（(《〈【〔［「『"
_NO_LINE_START = "，。、；：！？）)》〉”’〕】」』…%％,.;:!?"
# Share of a page's height, at top and at bottom, where page numbers and running heads live.
_MARGIN_BAND = 0.12
# A running head or foot is a line repeated on at least this share of the pages (and on 3).
_REPEAT_SHARE = 0.4


@dataclass
class Line:
    """One line of text on a page, in points, with the origin at the page's top left."""
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    text: str
    page_height: float = 842.0
    same_row: bool = False
    """True when the line is a piece of the previous line's row, split off at a wide gap."""

    @property
    def in_margin_band(self) -> bool:
        band = self.page_height * _MARGIN_BAND
        return self.bottom < band or self.top > self.page_height - band


def drop_page_furniture(pages: list[list[Line]]) -> tuple[list[list[Line]], int]:
    """Remove page numbers and running heads/feet; return the pages and how many lines went."""
    repeated = _running_lines(pages)
    kept_pages, dropped = [], 0
    for lines in pages:
        edge = set(id(line) for line in lines[:2] + lines[-2:])
        kept = []
        for line in lines:
            furniture = id(line) in edge and line.in_margin_band and (
                _PAGE_NUMBER.match(line.text) or _shape(line.text) in repeated)
            if furniture:
                dropped += 1
            else:
                kept.append(line)
        kept_pages.append(kept)
    return kept_pages, dropped


def _running_lines(pages: list[list[Line]]) -> set[str]:
    """Texts (digits masked) that open or close many pages: running heads and feet."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_shape(line.text) for line in lines[:2] + lines[-2:] if line.in_margin_band})
    needed = max(3, _REPEAT_SHARE * len(pages))
    return {shape for shape, count in counts.items() if count >= needed}


def _shape(text: str) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", "", text))


@dataclass
class Metrics:
    """Where body text starts and ends on a page, and how big a character is."""
    left: float
    right: float
    char: float
    line_gap: float


def paragraphs(lines: list[Line], metrics: dict[int, Metrics] | None = None) -> list[str]:
    """Group a run of lines (in reading order, across pages) into paragraph strings.

    ``metrics`` (from ``page_metrics`` over the whole document) matter when the run is short,
    such as the few lines between two tables; by default they are measured on the run itself.
    """
    if not lines:
        return []
    metrics = metrics or page_metrics(lines)
    groups: list[list[str]] = []
    previous: Line | None = None
    for i, line in enumerate(lines):
        if previous is None or (_starts_paragraph(previous, line, metrics[line.page], metrics[previous.page])
                                and not _inside_open_bracket(groups[-1], lines[i:i + 2])):
            groups.append([line.text])
        elif line.same_row:
            groups[-1].append("\t" + line.text)
        else:
            groups[-1].append(line.text)
        previous = line
    from .assemble import join_wrapped
    return [join_wrapped(group) for group in groups]


def _inside_open_bracket(group: list[str], ahead: list[Line]) -> bool:
    """Whether the line ``ahead[0]`` goes on with a bracket its paragraph left open: a unit clause
    run over three lines and a page break (``…（国家发展改革委、…市场监管`` / ``总局、…等部门按职`` /
    ``责分工负责）``), where the page's last line stops short. The bracket must be closed by this
    line or the next one before any other opens, so that a stray bracket (``苏环办（2021 J 364``)
    does not swallow the lines after it; a heading or a page number still starts a paragraph."""
    if _HEADING.match(ahead[0].text) or _PAGE_NUMBER.match(ahead[0].text) or ahead[0].same_row:
        return False
    tail = "".join(group[-_BRACKET_REACH:])[-_BRACKET_REACH:]
    opened = max(tail.rfind("（"), tail.rfind("("))
    if opened == -1 or re.search(r"[）)]", tail[opened:]):
        return False
    first = re.search(r"[（()）]", "".join(line.text for line in ahead))
    return first is not None and first.group() in "）)"


def _starts_paragraph(prev: Line, line: Line, here: Metrics, there: Metrics) -> bool:
    if _UNIT_CLAUSE.match(line.text):
        return False
    if _HEADING.match(line.text) and (prev.text[-1:] in _SENTENCE_END or _short(prev, there, line)):
        return True
    if line.same_row:
        return False
    if abs(line.size - prev.size) > 0.2 * max(line.size, prev.size):
        return True
    if line.x0 > here.left + 1.2 * here.char:
        return True
    if _short(prev, there, line) and not _overflow(prev, there):
        return True
    # A wider gap than the line spacing separates blocks; in mid-sentence it takes a blank
    # line's worth, since some exports space lines unevenly (taller boxes where digits are).
    gap = max(0.8 if prev.text[-1:] in _SENTENCE_END else 2.0, 2.2 * here.line_gap / here.char)
    return line.page == prev.page and line.top - prev.bottom > gap * here.char


def _overflow(line: Line, metrics: Metrics) -> bool:
    """A stub of a few characters at the left margin that stops mid-sentence (see _CJK_END)."""
    return (line.x1 - line.x0 < _STUB_CHARS * metrics.char and line.x0 < metrics.left + metrics.char
            and bool(_CJK_END.search(line.text)))


def _short(line: Line, metrics: Metrics, following: Line) -> bool:
    """A line that stops before the right margin ends its paragraph, unless the start of the
    following line was too wide to fit in the room left (a number, or a character that the
    rules of Chinese typesetting keep together with the punctuation after it)."""
    room = metrics.right - line.x1
    return room > max(1.5 * metrics.char, _leading_width(following.text, metrics.char)
                      + 0.5 * metrics.char)


def _leading_width(text: str, char: float) -> float:
    """Estimated width of what cannot be split from the start of ``text``."""
    latin = _LATIN_RUN.match(text)
    if latin:
        width, rest = len(latin.group()) * 0.55 * char, text[latin.end():]
    elif text[:1] in _OPENING and len(text) > 1:
        return char + _leading_width(text[1:], char)
    else:
        width, rest = char, text[1:]
    return width + (char if rest[:1] and rest[0] in _NO_LINE_START else 0.0)


def page_metrics(lines: list[Line]) -> dict[int, Metrics]:
    """Margins per page where the page has enough lines to tell, else the document's."""
    overall = _measure(lines)
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    return {page: (_measure(page_lines) if len(page_lines) >= 8 else overall)
            for page, page_lines in by_page.items()}


def _measure(lines: list[Line]) -> Metrics:
    char = median(line.size for line in lines) or 12.0
    starts = Counter(round(line.x0 / 2) * 2 for line in lines if not line.same_row)
    common = [x for x, count in starts.most_common(3) if count >= 2] or [x for x, _ in starts.most_common(1)]
    left = min(common) if common else min(line.x0 for line in lines)
    full = [line for line in lines if len(line.text) >= 12] or lines
    ends = Counter(round(line.x1 / 2) * 2 for line in full)
    right = max(x for x, count in ends.items() if count >= max(1, ends.most_common(1)[0][1] // 3))
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])
            if a.page == b.page and 0 <= b.top - a.bottom < 3 * char]
    return Metrics(left=left, right=right, char=char, line_gap=median(gaps) if gaps else char / 2)
