"""Measures that are unnumbered paragraphs, each closed by its own unit clause.

Some plans (the 规划 of provincial departments above all) number only the groups of their tasks
and write each task as a paragraph: a heading sentence, the body, then the clause naming who does
it (``严格控制镉等重金属行业企业污染物排放。依据…。（省生态环境厅、农业农村厅等按职责分工负责）``).
Read by numbered headings alone, the whole group is one measure holding every clause. A unit
clause closes a measure, so a group whose paragraphs each open with a heading sentence and end in
a clause holds one measure per paragraph. Groups that do not have that shape throughout (a
numbered item of one paragraph, an item whose heading line carries its clause, paragraphs of a
规划 without clauses) are left as they are.

A document that numbers no heading at all (a newspaper report of a 实施意见, saved from the web)
may still have the shape of a plan: part headings printed on lines of their own, unnumbered and
without final punctuation, each over paragraphs that open with a heading sentence
(``构建与京津相匹配的城乡绿色发展新格局`` / ``优化区域绿色协同发展空间布局。围绕…``). Those
paragraphs are its items; notices and letters without that shape still have none.
"""
from __future__ import annotations

import re

from .structure import Heading, Node, is_measure, is_box_line, title_of, walk
from .unit_clauses import find_clauses
from .vocabulary import load

# the first sentence of a paragraph that reads as its heading: short, one phrase (no ，or ；), ended by 。
_HEADING_SENTENCE = re.compile(r"[ \t　]*([^。，,；;\n]{4,40})。")
# what may follow a unit clause at the end of its line
_AFTER_CLAUSE = re.compile(r"[。；;]?[ \t　]*$")


def split_paragraph_measures(roots: list[Node], text: str) -> list[tuple[Node, int]]:
    """Give each measure node whose body is such a run of paragraphs one child per paragraph
    (marker ``¶1``, ``¶2`` …: no number is printed). Returns the nodes split, with how many
    paragraphs each gave, for the warnings."""
    split = []
    for node in [n for n in walk(roots) if is_measure(n)]:
        paragraphs = _paragraphs(node, text)
        if paragraphs:
            _add_children(node, paragraphs, text)
            split.append((node, len(paragraphs)))
    return split


def _paragraphs(node: Node, text: str) -> list[tuple[int, int]] | None:
    """The ``(start, end)`` of each paragraph of ``node``'s body when there are two or more and
    each opens with a heading sentence and ends in a unit clause; a box (``专栏…``) after the last
    one belongs to it. None when the body has any other shape."""
    h = node.heading
    if h.line_end >= node.own_end or find_clauses(text, h.start, h.line_end):
        return None
    paragraphs: list[tuple[int, int]] = []
    begin = None
    sentence_ended = False   # the previous line of the paragraph ended a sentence
    pos = h.line_end + 1
    while pos < node.own_end:
        nl = text.find("\n", pos, node.own_end)
        nl = node.own_end if nl == -1 else nl
        line = text[pos:nl].strip()
        if line:
            if begin is None:
                if paragraphs and is_box_line(text, pos):
                    break
                if not _HEADING_SENTENCE.match(text, pos, nl):
                    return None
                begin = pos
            elif sentence_ended and _HEADING_SENTENCE.match(text, pos, nl):
                return None   # a paragraph of its own that no clause closes
            if _ends_in_clause(text, begin, nl):
                paragraphs.append((begin, nl))
                begin = None
            sentence_ended = line.endswith("。")
        pos = nl + 1
    if begin is not None or len(paragraphs) < 2:
        return None
    paragraphs[-1] = (paragraphs[-1][0], node.own_end)
    return paragraphs


def _ends_in_clause(text: str, start: int, line_end: int) -> bool:
    clauses = find_clauses(text, start, line_end)
    return bool(clauses) and _AFTER_CLAUSE.fullmatch(text, clauses[-1].end, line_end) is not None


def _add_children(node: Node, paragraphs: list[tuple[int, int]], text: str) -> None:
    node.own_end = paragraphs[0][0]
    for i, (start, end) in enumerate(paragraphs, 1):
        line_end = text.find("\n", start, end)
        line_end = end if line_end == -1 else line_end
        heading = _paragraph_heading(text, start, line_end, i)
        child = Node(heading, node, end=end, own_end=end, id=f"{node.id}.{i}", path=f"{node.path}/¶{i}",
                     level=node.level + 1, kind=node.kind)
        node.children.append(child)


def _paragraph_heading(text: str, start: int, line_end: int, number: int) -> Heading:
    """The heading of an unnumbered paragraph (marker ``¶number``): its heading sentence."""
    start += len(text[start:line_end]) - len(text[start:line_end].lstrip())
    title, body_at = title_of(text[start:line_end], 0)
    return Heading("paragraph", "", f"¶{number}", title, start, (start, start + len(title)), start + body_at, line_end)


def unnumbered_headings(text: str) -> list[Heading]:
    """The part headings and item paragraphs of a document that numbers no heading, or none when
    it lacks the shape throughout: at least ``min_parts`` parts (see :func:`_is_part_heading`),
    each over at least ``min_items`` paragraphs that open with a heading sentence and go on past
    it. Other paragraphs under a part continue the item before them. Items are numbered through
    the document (``¶1`` … ``¶10``): the parts give no number to tell them apart."""
    rules = load("structure")["unnumbered_parts"]
    lines = _text_lines(text)
    parts: list[tuple[Heading, list[Heading]]] = []
    count = 0
    new_paragraph = False   # the line before was a part heading or ended a sentence
    for i, (start, end) in enumerate(lines):
        if _is_part_heading(text, lines, i, rules):
            parts.append((Heading("part", "", "", text[start:end], start, (start, end), end, end), []))
            new_paragraph = True
            continue
        if parts and new_paragraph and _opens_item(text, start, end):
            count += 1
            parts[-1][1].append(_paragraph_heading(text, start, end, count))
        new_paragraph = _ends_sentence(text, (start, end), rules)
    if len(parts) < rules["min_parts"] or any(len(items) < rules["min_items"] for _, items in parts):
        return []
    return [h for part, items in parts for h in (part, *items)]


def _text_lines(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each line that holds text, less its indentation and trailing blanks."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            start = pos + len(line) - len(line.lstrip())
            out.append((start, start + len(line.strip())))
        pos += len(line) + 1
    return out


def _is_part_heading(text: str, lines: list[tuple[int, int]], i: int, rules: dict) -> bool:
    """A part heading stands alone between paragraphs: a short line with no punctuation of a
    sentence, after a line that ends one and before a line that opens an item. A title at the top
    (nothing before it) and an address line (``各有关单位：``) are not."""
    start, end = lines[i]
    line = text[start:end]
    return (0 < i < len(lines) - 1 and len(line) <= rules["heading_chars"]
            and not any(c in rules["sentence_punctuation"] for c in line)
            and _ends_sentence(text, lines[i - 1], rules) and _opens_item(text, *lines[i + 1]))


def _ends_sentence(text: str, line: tuple[int, int], rules: dict) -> bool:
    """Whether the line ends a sentence, so that the next line starts a paragraph."""
    return text[line[1] - 1] in rules["sentence_ends"]


def _opens_item(text: str, start: int, end: int) -> bool:
    """Whether the line opens with a heading sentence and goes on after it (``特此通知。`` alone is
    no item)."""
    m = _HEADING_SENTENCE.match(text, start, end)
    return m is not None and m.end() < end
