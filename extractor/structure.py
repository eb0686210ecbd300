"""The heading grammar of Chinese plans, and the tree of sections and measures it gives.

Plans number their parts ``一、`` / ``（一）`` / ``1.`` / ``（1）`` / ``①`` (and ``第X章`` / ``第X节`` /
``第X条`` in 规划, rules and measures). The rank of a marker, not its depth on the page, says where it goes: a
heading pops the open headings of equal or lower rank, so skipped levels and numbering that
restarts under each parent come out right. A measure is a leaf of the action part; which parts
are not action (objectives, guarantees, timelines, procedure) is told by heading words kept in
``data/structure.json``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .readers.assemble import looks_like_header
from .unit_clauses import find_clauses
from .units import readable_units
from .vocabulary import alternatives as _alternatives, load

# Marker kinds in rank order (lower rank = higher in the tree).
_KINDS: list[tuple[str, re.Pattern]] = [
    ("annex", re.compile(r"附\s*件\s*([\d一二三四五六七八九十]{0,3})[：:]?\s*$")),
    ("chapter", re.compile(r"第([一二三四五六七八九十]{1,3})[章部]")),
    ("division", re.compile(r"第([一二三四五六七八九十]{1,3})节")),
    ("article", re.compile(r"第([一二三四五六七八九十百]{1,4})条(?![第、和至及])")),
    # 4.1 / 4.1.1 / 4.1.1.1: the sections of a plan numbered by decimals, one rank per depth
    ("decimal", re.compile(r"(\d{1,2}\.\d{1,2})(?![\d.．])")),
    ("decimal_sub", re.compile(r"(\d{1,2}\.\d{1,2}\.\d{1,2})(?![\d.．])")),
    ("decimal_subsub", re.compile(r"(\d{1,2}(?:\.\d{1,2}){3})(?![\d.．])")),
    ("cn", re.compile(r"([一二三四五六七八九十]{1,3})、")),
    ("cn_paren", re.compile(r"（([一二三四五六七八九十]{1,4})）")),
    ("arabic", re.compile(r"(\d{1,2})\s*[.．、](?![\d.．])")),
    ("arabic_paren", re.compile(r"（(\d{1,2})）")),
    ("circled", re.compile(r"([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
]
_MULTIPLIER_WORDS = "万亿|千万|百万|亿|万|千|百"
# then the headings of a document that numbers none: an unnumbered part and its paragraphs
_RANK = {name: i for i, name in enumerate([k for k, _ in _KINDS] + ["part", "paragraph"])}

@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    """The heading words of ``data/structure.json`` compiled: one pattern per kind of part, the
    item heads of a timeline, the procedural titles and the table-of-contents headings."""
    vocab = load("structure")
    verbs = _alternatives(vocab["verbs"])
    understanding = _alternatives(vocab["understanding_verbs"])
    parts = {}
    for kind, words in vocab["parts"].items():
        pattern = rf"^(?:{verbs})?(?:{_alternatives(words['titles'])})$"
        # 深刻领会建立健全…经济体系的重要意义: what to grasp, of any length, then the part's word
        pattern += rf"|^(?:{understanding}).*?(?:{_alternatives(words['titles'] + words['nouns'])})$"
        if words["nouns"]:
            pattern += rf"|^(?:{verbs})?.{{0,{vocab['topic_chars']}}}?(?:{_alternatives(words['nouns'])})$"
        for statement in words.get("statements", []):   # a regex anywhere in a short heading
            pattern += f"|^(?=.{{0,{vocab['statement_chars']}}}$).*?(?:{statement})"
        parts[kind] = re.compile(pattern)
    return {"parts": parts,
            "item_head": re.compile("|".join(f"(?:{p})" for p in vocab["item_heads"])),
            "procedure": re.compile(rf"^(?:{_alternatives(vocab['procedure'])})$"),
            "self_reference": re.compile(vocab["self_reference"]),
            "joiners": re.compile(f"[{re.escape(vocab['compound_joiners'])}]"),
            "appendix": re.compile(rf"^(?:{_alternatives(vocab['appendix'])})"),
            "mechanism": re.compile(rf"^(?:{_alternatives(vocab['mechanism']['verbs'])}).{{2,}}{vocab['mechanism']['ends']}$"),
            "toc": re.compile(r"^\s*(?:" + "|".join(r"\s*".join(w) for w in vocab["toc"]) + r")\s*$", re.M),
            "form": vocab["form"],
            "decimal_title": re.compile(rf"[ \t　]*(?!(?:{_MULTIPLIER_WORDS})?(?:{_alternatives(readable_units())})|[{vocab['decimal_not_before']}])"
                                        r"[\u4e00-\u9fff“（]"),
            "box": re.compile(rf"^[ \t]*(?:{_alternatives(vocab['box_openers'])})[^。\n]{{0,40}}$", re.M),
            "tables": vocab["tables"],
            "value_cell": re.compile(vocab["tables"]["value_cell"]),
            "caption": re.compile(rf"^[ \t]*(?:{'|'.join(vocab['tables']['captions'])})[^。\n]{{0,40}}$", re.M),
            "table_note": re.compile(rf"[ \t]*(?:{_alternatives(vocab['tables']['notes'])})[：:]")}


def _bare(title: str) -> str:
    return re.sub(r"[\s。：:；;，,]", "", title)


def is_procedural_title(title: str) -> bool:
    """A heading that names a step of a timeline (``2022年6月底前``, ``动员部署阶段``), a timeline part
    (``工作步骤``), or a practical item of a notice (``咨询电话``). The words of assurance parts are
    not asked: a measure titled so (``30.深化国际合作与宣传引导``, ``健全首都能源安全保障机制``) is one
    the tree kept as a task among tasks (:func:`_among_measures`), where the words name its topic."""
    bare = _bare(title)
    vocab = _vocabulary()
    return bool(vocab["item_head"].match(bare) or vocab["procedure"].match(bare)
                or vocab["parts"]["timeline"].match(bare))


@dataclass
class Heading:
    """One numbered heading line, with the title sentence told apart from run-on body text."""
    kind: str
    number: str          # the numeral as printed, without brackets or punctuation
    marker: str          # the path element: 三 / （一） / 1 / （1） / ① / 第三条 / 附件2
    title: str
    start: int           # line start in the normalised text
    title_span: tuple[int, int]
    body_start: int      # where the text after the title sentence begins
    line_end: int


@dataclass
class Node:
    heading: Heading
    parent: "Node | None"
    children: list["Node"] = field(default_factory=list)
    end: int = 0         # end of the subtree in the normalised text
    own_end: int = 0     # end of the node's own text (start of the next heading of any rank)
    id: str = ""
    path: str = ""
    level: int = 1
    kind: str = "action"
    fields: list["Node"] = field(default_factory=list)   # a form's sub-headings folded in (fold_forms)

    @property
    def is_leaf(self) -> bool:
        return not self.children


# a dot leader (dots, or the private-use glyph some PDFs draw it with) and a page number
_LEADER = re.compile(r"(?:[.…·．\-_\ue000-\uf8ff\U000f0000-\U0010fffd]\s?){3,}\s*[（(]?\d{1,3}[)）]?")
_MARKER_ONLY = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,4}）|\d{1,2}\s*[.．、]|（\d{1,2}）|"
                          r"第[一二三四五六七八九十]{1,3}[章部节])\s*$")


def find_headings(text: str) -> list[Heading]:
    """Every line that starts with a heading marker, in order, less the lines of a table of
    contents. An item number alone on its line takes the next line as its heading line."""
    headings = []
    toc = _toc_span(text)
    tables = _table_spans(text)
    lines = _lines(text)
    i = 0
    while i < len(lines):
        start, end = lines[i]
        i += 1
        stripped = text[start:end].lstrip()
        if not stripped or toc[0] <= start < toc[1] or _LEADER.search(stripped) \
                or any(a <= start < b for a, b in tables) or _is_table_row(text[start:end]):
            continue
        offset = end - len(stripped)
        if _MARKER_ONLY.match(stripped) and i < len(lines) and text[lines[i][0]:lines[i][1]].strip():
            # （一） / 加强组织领导。…: the number on one line, the heading on the next
            nxt_start, nxt_end = lines[i]
            marker = stripped.rstrip()
            heading = _match_heading(marker + text[nxt_start:nxt_end], offset, nxt_end)
            if heading:
                _shift_after(heading, offset + len(marker), nxt_start - offset - len(marker))
                headings.append(heading)
                i += 1
                continue
        heading = _match_heading(stripped, offset, end)
        decimal = None if heading else _ARABIC_BEFORE_DIGITS.match(stripped)
        if decimal and _continues_numbering(headings, int(decimal.group(1))):
            heading = _heading_of("arabic", decimal, stripped, offset, end)
        if heading is None and headings:
            heading = _unnumbered_guarantees(headings, stripped.rstrip(), offset)
        if heading:
            headings.append(heading)
    return _outside_boxes(headings, text, toc)


def _unnumbered_guarantees(headings: list[Heading], line: str, offset: int) -> Heading | None:
    """A line that is nothing but the title of an assurance part (``组织保障措施``), printed without
    its number after numbered items: it heads a part of the top rank in use, so the items after it
    (``（二十四）加强统筹协调``, numbered on from the part before) are its items, not measures."""
    if _SENTENCE_MARK.search(line) or not _vocabulary()["parts"]["guarantees"].match(_bare(line)):
        return None
    annexes = [i for i, h in enumerate(headings) if h.kind == "annex"]
    since_annex = [h.kind for h in headings[annexes[-1] + 1 if annexes else 0:]]
    if not since_annex:
        return None
    kind = min(since_annex, key=_RANK.__getitem__)
    return Heading(kind, "", "", line, offset, (offset, offset + len(line)), offset + len(line), offset + len(line))


# a line holding any of these is a sentence or a list, never a bare heading
_SENTENCE_MARK = re.compile(r"[。；;，,：:、！？!?（）()]")


# an item number right after a bracket on the same line: …。（责任单位：市发展改革委）2．推进…
_RUN_ON = re.compile(r"(?<=[）〕］\]])[。；]?[ \t　]*"
                     r"(?=(?:\d{1,2}\s*[.．、](?![\d.．])|（[一二三四五六七八九十]{1,4}）|（\d{1,2}）)\S)")


def _lines(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each line, a line cut where an item's number follows a unit clause
    on it: a unit clause closes a measure, so the next item's heading starts a line of its own."""
    out, pos = [], 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        for m in _RUN_ON.finditer(text, start, end):
            clauses = find_clauses(text, start, m.start())
            if clauses and clauses[-1].end == m.start():
                out.append((start, m.start()))
                start = m.end()
        out.append((start, end))
    return out


def _table_spans(text: str) -> list[tuple[int, int]]:
    """Where the tables stand (``表1 “十四五”应对气候变化主要目标`` and its rows, or a header row such as
    ``指标\t2020年\t2025年\t指标属性`` and the rows under it), so that their numbered rows
    (``（一）总体指标``, ``1.单位地区生产总值…\t[27.0]*\t…``) and the numbered lines of their notes
    (``注：1.…`` / ``2.…``) are not read as headings."""
    spans = []
    for m in _vocabulary()["caption"].finditer(text):
        end = _table_end(text, m.end())
        if end > m.end():
            spans.append((m.start(), end))
    for m in _HEADER_ROW.finditer(text):
        cells = m.group().strip().split("\t")
        if len(cells) >= _vocabulary()["tables"]["min_cells"] and looks_like_header(cells):
            end = _table_end(text, m.end())
            if end > m.end():
                spans.append((m.start(), end))
    return spans


# a line of cells, one of which may be a table's header row
_HEADER_ROW = re.compile(r"^[^\n\t]+\t[^\n]*$", re.M)


def _table_end(text: str, pos: int) -> int:
    """The end of the table whose caption ends at ``pos``: its last row of cells, or the last
    numbered line of the note below it. ``pos`` itself when no row follows the caption."""
    rules = _vocabulary()["tables"]
    caption_end = end = pos
    gap = 0
    while pos < len(text) and gap <= rules["gap_lines"]:
        nl = text.find("\n", pos + 1)
        nl = len(text) if nl == -1 else nl
        if text.count("\t", pos + 1, nl) + 1 >= rules["min_cells"]:
            end, gap = nl, 0
        else:
            gap += 1
        pos = nl
    if end == caption_end or not _vocabulary()["table_note"].match(text, end + 1):
        return end
    while True:   # the note and its numbered lines
        nl = text.find("\n", end + 1)
        nl = len(text) if nl == -1 else nl
        end = nl
        if nl == len(text) or not _NOTE_ITEM.match(text, nl + 1):
            return end


def _is_table_row(line: str) -> bool:
    """Whether a line is a row of a table the reader printed as tab-separated cells, so that a
    number in its first cell (``2.3.3外输热力量\t\t\t百万千焦\t—``, ``1．高新技术产业比重（%）\t45.1\t50``)
    or in a later one (``\t\t\t8.其他情况记录。``) is a cell, not a heading. A row has at least
    ``min_cells`` cells, and after its first an empty cell between two that hold text or a cell
    that is a value (``value_cell``: ``30.2``, ``≥68%``, ``—``); a line that opens with an empty cell
    is a row whatever it holds. Some PDFs print a heading's final 。 as a tab (``（二十一）大力发展
    绿色金融\t加强绿色金融协调…\t发展绿色信贷…``): cells of prose, so a heading still."""
    if line.startswith("\t"):
        return True
    cells = line.rstrip("\t ").split("\t")
    value = _vocabulary()["value_cell"]
    return len(cells) >= _vocabulary()["tables"]["min_cells"] and \
        any(not c.strip() or value.match(c.strip()) for c in cells[1:])


# a numbered line of a table's note (``2.重点建设用地指…``)
_NOTE_ITEM = re.compile(r"[ \t]*\d{1,2}\s*[.．、]")


def _outside_boxes(headings: list[Heading], text: str, toc: tuple[int, int]) -> list[Heading]:
    """The headings less the numbered lines of boxes (``专栏1 重点任务`` and its list ``（一）…``): a
    box is part of the item it stands in and ends at the first heading that continues the numbering
    open before it (the next ``第二节``, ``（二）``, ``4.``) and not the box's own list, or at an annex."""
    boxes = [m.start() for m in _vocabulary()["box"].finditer(text) if not toc[0] <= m.start() < toc[1]]
    if not boxes:
        return headings
    kept: list[Heading] = []
    outside: dict[str, int | None] = {}   # the numbers open on the heading stack, by kind
    inside: dict[str, int | None] = {}    # the last numbers of the open box's list
    in_box = False
    for h in headings:
        while boxes and boxes[0] < h.start:
            boxes.pop(0)
            in_box, inside = True, {}
        value = numeral_value(h.marker)
        if in_box and h.kind != "annex" and (not _follows(outside.get(h.kind), value)
                                             or _follows(inside.get(h.kind), value)):
            inside[h.kind] = value
            continue
        in_box = False
        for kind in [k for k in outside if _RANK[k] >= _RANK[h.kind]]:
            del outside[kind]
        outside[h.kind] = value
        kept.append(h)
    return kept


def is_box_line(text: str, pos: int) -> bool:
    """Whether the line starting at ``pos`` opens a box (``专栏2：应对气候变化重大工程``)."""
    return bool(_vocabulary()["box"].match(text, pos))


def _follows(previous: int | None, value: int | None) -> bool:
    return previous is not None and value is not None and value == previous + 1


def _shift_after(h: Heading, at: int, by: int) -> None:
    """Move the positions of ``h`` that lie past ``at`` by ``by`` (a line break and indentation that
    the joined line did not have)."""
    def move(x: int) -> int:
        return x + by if x >= at else x
    h.title_span = (move(h.title_span[0]), move(h.title_span[1]))
    h.body_start = move(h.body_start)


def _toc_span(text: str) -> tuple[int, int]:
    """Where a table of contents stands (``目录`` and the heading lines after it, up to the first
    line that is a paragraph or repeats the first entry), or an empty span."""
    m = _vocabulary()["toc"].search(text, 0, len(text) // 3 + 1)
    if not m:
        return (0, 0)
    pos = m.end() + 1
    first = None
    while pos < len(text):
        nl = text.find("\n", pos)
        nl = len(text) if nl == -1 else nl
        line = text[pos:nl].strip()
        entry = re.sub(r"\s", "", _LEADER.sub("", line))   # white space aside: 第一章\t… in the contents, 第一章… in the body
        # a sentence (。．；) or a line too long for a heading ends the contents
        if line and ((re.search(r"[。．；]", line) or len(line) > 60) and not _LEADER.search(line)
                     or entry == first):
            break
        first = first or entry or None
        pos = nl + 1
    return (m.start(), pos)


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def numeral_value(marker: str) -> int | None:
    """The number of a heading marker (``（十二）`` → 12, ``3`` → 3, ``第三条`` → 3, ``⑤`` → 5)."""
    core = re.sub(r"^(?:第|附件)|[（）、.．条章部节]", "", marker)
    if core.isascii() and core.isdigit():
        return int(core)
    if len(core) == 1 and core in _CIRCLED:
        return _CIRCLED.index(core) + 1
    if not core or any(c not in _CN_DIGITS and c not in "十百" for c in core):
        return None
    total, digit = 0, 0
    for c in core:
        if c == "百":
            total, digit = total + (digit or 1) * 100, 0
        elif c == "十":
            total, digit = total + (digit or 1) * 10, 0
        else:
            digit = _CN_DIGITS[c]
    return total + digit


def _match_heading(line: str, offset: int, line_end: int) -> Heading | None:
    for kind, pattern in _KINDS:
        m = pattern.match(line)
        if m and (not kind.startswith("decimal") or _opens_title(line, m.end())):
            return _heading_of(kind, m, line, offset, line_end)
    return None


def _opens_title(line: str, at: int) -> bool:
    """Whether the text after a decimal number is a heading's words (``4.1.1健全绿色低碳…``), not
    the rest of a quantity or a date (``2.5万吨``, ``1.5倍``, ``1.4月底前``)."""
    m = _vocabulary()["decimal_title"].match(line, at)
    return m is not None


# ``2.500千伏电网``: an item number directly followed by digits, a heading only where it continues
# the numbering (after ``1.特高压电网``); elsewhere ``2.5亿千瓦时`` is a decimal
_ARABIC_BEFORE_DIGITS = re.compile(r"(\d{1,2})\s*[.．](?=\d)")


def _continues_numbering(headings: list[Heading], value: int) -> bool:
    """Whether an arabic item numbered ``value`` follows the previous arabic item of the open
    heading (no heading of higher rank between them)."""
    for h in reversed(headings):
        if _RANK[h.kind] <= _RANK["arabic"]:
            return h.kind == "arabic" and numeral_value(h.marker) == value - 1
    return False


# 第一条（扶持对象）…: a short label in brackets right after an article's number (【目的】 is read by title_of)
_ARTICLE_LABEL = re.compile(r"[ \t　]*（([^（）。，；、：\d一二三四五六七八九十\s]{2,12})）")


def _heading_of(kind: str, m: re.Match, line: str, offset: int, line_end: int) -> Heading | None:
    if kind == "annex":
        label = "附件" + m.group(1)
        return Heading(kind, m.group(1) or "", label, label, offset,
                       (offset, offset + m.end()), line_end, line_end)
    rest_at = m.end()
    label = _ARTICLE_LABEL.match(line, rest_at) if kind == "article" else None
    if label:   # 第一条（扶持对象）: an article's title printed as a label in brackets
        title, body_at = label.group(1), label.end()
        marker = m.group(0)
        t_start = offset + label.start(1)
        return Heading(kind, m.group(1), marker, title, offset, (t_start, t_start + len(title)),
                       offset + body_at, line_end)
    title, body_at = title_of(line, rest_at)
    if not title:
        return None
    marker = {"cn_paren": f"（{m.group(1)}）", "arabic_paren": f"（{m.group(1)}）",
              "chapter": m.group(0), "division": m.group(0), "article": m.group(0)}.get(kind, m.group(1))
    t_start = offset + max(line.find(title, rest_at), rest_at)
    return Heading(kind, m.group(1), marker, title, offset,
                   (t_start, t_start + len(title)), offset + body_at, line_end)


# the end of a heading's sentence: a 。, or a tab after at least four characters of words (a gap
# inside a word, 总\t则, is no end)
_TITLE_END = re.compile(r"。|(?<=[^\t]{4})\t")


def title_of(line: str, at: int) -> tuple[str, int]:
    """The heading sentence after the marker, and where the body text after it starts.

    The title is the text up to the first ``。``; an item with no short heading sentence gets its
    first clause (to the first ``，`` or ``；``) as title, as the gold format says. Some PDFs print
    the ``。`` after a heading as a gap, which the reader gives as a tab (``提升建筑能效水平\t加强协调，…``):
    a tab after a title's worth of words ends the title too (``_TITLE_END``).
    """
    rest = line[at:]
    stripped = rest.lstrip(" 　\t")
    lead = len(rest) - len(stripped)
    label = re.match(r"【([^】]{1,20})】", stripped)
    if label:  # articles of 办法 carry their title as a bracketed label: 第三条【目的】…
        return label.group(1), at + lead + label.end()
    found = _TITLE_END.search(stripped)
    cut = found.start() if found else -1
    if cut == -1:
        head = stripped
        if len(head) > 40:
            clause = re.search(r"[，；：]", head)
            if clause:
                return head[:clause.start()], at + lead + clause.start()
        return head.rstrip("：:；;，,"), at + lead + len(stripped)
    head = stripped[:cut]
    if len(head) > 40:
        clause = re.search(r"[，；]", head)
        if clause:
            return head[:clause.start()], at + lead + clause.start()
    return head.rstrip("：:"), at + lead + cut + 1


def build_tree(headings: list[Heading], text_end: int) -> list[Node]:
    """Nest headings by marker rank; return the roots with ids, paths, levels, spans and kinds."""
    roots: list[Node] = []
    stack: list[Node] = []
    nodes: list[Node] = []
    for h in headings:
        rank = _RANK[h.kind]
        while stack and _RANK[stack[-1].heading.kind] >= rank:
            stack.pop()
        if h.kind == "annex":
            stack.clear()
        parent = stack[-1] if stack else None
        node = Node(h, parent)
        (parent.children if parent else roots).append(node)
        stack.append(node)
        nodes.append(node)
    for i, node in enumerate(nodes):
        node.own_end = nodes[i + 1].heading.start if i + 1 < len(nodes) else text_end
    _finish(roots, None, text_end)
    _drop_sole_annex(roots)
    return roots


def _drop_sole_annex(roots: list[Node]) -> None:
    """A notice that carries its plan as its one ``附件`` (…现印发给你们 / 附件 / 促进绿色消费实施方案 /
    一、…), or a document that is nothing but its plan printed under ``附件1`` (a 办法 sent without
    its 通知): the plan's headings are the document's, so their paths leave the annex out. Several
    annexes with headings (``附件1`` / ``附件2``), a numbered annex beside others (``附件2`` a table),
    and an annex beside measures of the notice itself keep it, since there it tells parts apart."""
    annexes = [r for r in roots if r.heading.kind == "annex" and r.children]   # not the notice's 附件： line
    if len(annexes) != 1:
        return
    annex = annexes[0]
    if annex.heading.number and any(r.heading.kind == "annex" and r.heading.number
                                    for r in roots if r is not annex):
        return
    if any(is_measure(n) for r in roots if r is not annex for n in walk([r])):
        return
    prefix = annex.path + "/"
    for node in walk(annex.children):
        node.path = node.path.removeprefix(prefix)


def _finish(siblings: list[Node], parent: Node | None, end: int) -> None:
    for i, node in enumerate(siblings):
        node.end = siblings[i + 1].heading.start if i + 1 < len(siblings) else end
        if parent is None:
            node.id, node.path, node.level = f"s{i + 1}", node.heading.marker, 1
        else:
            node.id = f"{parent.id}.{i + 1}"
            # an unnumbered part has no number to give its items' paths
            node.path = "/".join(p for p in (parent.path, node.heading.marker) if p)
            node.level = parent.level + 1
        node.kind = _kind_of(node)
        _finish(node.children, node, node.end)
        _mark_by_items(node)
        _mark_timeline(node)
    _mark_rules_articles(siblings)


def _mark_rules_articles(siblings: list[Node]) -> None:
    """Articles of rules that speak of the rules themselves are procedure, not measures: one that
    opens with their name (``第二条 本办法适用于…``, ``本办法由…负责解释``), and the closing run of
    articles that name them (``第十条 本办法所需资金由…安排`` … ``第十六条 本办法自印发之日起实施``;
    one article between two such, ``严禁…截留…补助资金``, belongs to the run)."""
    articles = [n for n in siblings if n.heading.kind == "article" and n.kind == "action"]
    if not articles:
        return
    names = _vocabulary()["self_reference"]
    naming = [bool(names.search(n.heading.title)) for n in articles]
    closing = len(articles)
    i = len(articles) - 1
    while i >= 0 and (naming[i] or (i > 0 and naming[i - 1] and i + 1 < len(articles) and naming[i + 1])):
        closing = i
        i -= 1
    for i, node in enumerate(articles):
        if i >= closing or names.match(node.heading.title):
            for n in walk([node]):
                n.kind = "procedure"


def _titled_kind(title: str) -> str | None:
    """The kind of part that a heading names by its own words (``保障措施``, ``发展基础``, ``咨询电话``),
    or None for a heading that names none (most measures). A heading that joins two such titles
    (``指导思想与总体目标``, ``实施步骤和进度安排``) is a part of the kind its first one names: a
    plan that heads its principles and objectives as one part has no measures there either."""
    bare = _bare(title)
    kind = _named_kind(bare)
    if kind:
        return kind
    pieces = _vocabulary()["joiners"].split(bare)
    kinds = [_named_kind(p) for p in pieces] if len(pieces) > 1 else []
    return kinds[0] if kinds and all(kinds) else None


def _named_kind(bare: str) -> str | None:
    """The kind of part whose vocabulary matches the whole of ``bare``, if any. An appendix of
    the plan (``五、附录：技术路线图``, ``附表1 重点项目``) prints material beside it and is
    procedure, like the practical items of a notice."""
    vocab = _vocabulary()
    for kind, pattern in vocab["parts"].items():
        if pattern.match(bare):
            return kind
    return "procedure" if vocab["procedure"].match(bare) or vocab["appendix"].match(bare) else None


def _kind_of(node: Node) -> str:
    """The kind of part ``node`` heads: its own words' kind, else its parent's. An annex is no
    part of the plan's kinds: what it carries is read as a plan of its own."""
    if node.heading.kind == "annex":
        return "other"
    kind = _titled_kind(node.heading.title)
    if kind == "guarantees" and (_among_measures(node) or _builds_a_mechanism(node)):
        kind = None
    if kind:
        return kind
    if node.parent is not None and node.parent.kind != "other":
        return node.parent.kind
    return "action"


def _among_measures(node: Node) -> bool:
    """Whether ``node`` is one task among tasks: a leaf of an action part whose other items are
    leaves naming no kind. There a title ending in a guarantees noun (``30.深化国际合作与宣传引导``
    among 29 tasks) names the task's topic, not an assurance part; a guarantees item beside a
    group of tasks or beside other assurance items (``（二）组织实施`` / ``（三）工作保障``) is not."""
    if node.parent is None or node.parent.kind != "action" or node.children:
        return False
    others = [s for s in node.parent.children if s is not node]
    return bool(others) and all(not s.children and not _titled_kind(s.heading.title) for s in others)


def _builds_a_mechanism(node: Node) -> bool:
    """Whether a part named like an assurance part is one of the plan's tasks: a heading that
    builds a mechanism of the plan's subject (``六、健全生态产品价值实现保障机制``, beside
    ``五、健全生态产品保护补偿机制``) over items none of which names a kind of part (``建立…考核机制``,
    ``加大绿色金融支持力度``). The plan's own organisation of the work names it in its items
    (``七、建立…推进机制`` over ``加强组织领导`` … ``推动督促落实``), and stays an assurance part."""
    return bool(node.children) and bool(_vocabulary()["mechanism"].match(_bare(node.heading.title))) \
        and not any(_titled_kind(c.heading.title) for c in node.children)


def _mark_by_items(node: Node) -> None:
    """A part of the action part whose heading names no kind takes the kind that most of its items
    name: ``五、强化工作落实`` over ``加强组织领导`` / ``强化监督考核`` / ``开展全民行动`` organises the
    work, and ``第一章 开启美丽山东建设新征程`` over ``取得历史性成就`` / ``任重道远`` / ``开好局起好步``
    reviews it, so the one item that names nothing is of that kind too, not a measure. A part whose
    items are mostly actions keeps them all (``七、强化工作落实`` over eight policies), and so does one
    where an item that names nothing has items of its own (``三、重点任务`` over ``（一）推进节能`` / 1.… /
    ``（二）组织实施`` / ``（三）工作保障``): a group of tasks is action whatever stands beside it."""
    if node.kind != "action" or len(node.children) < 2 or _titled_kind(node.heading.title):
        return
    titled = [_titled_kind(c.heading.title) for c in node.children]
    if any(not k and c.children for k, c in zip(titled, node.children)):
        return
    kinds = [k for k in titled if k]
    if not kinds:
        return
    kind = max(set(kinds), key=kinds.count)
    if 2 * kinds.count(kind) > len(node.children):
        for n in walk([node]):
            if n.kind == "action":
                n.kind = kind


def _mark_timeline(node: Node) -> None:
    """A part of the action part whose every item is headed by a date or a stage
    (``（一）2022年6月底前``, ``（二）动员部署阶段``) is a timeline: its items are steps, not measures."""
    heads = _vocabulary()["item_head"]
    if node.kind == "action" and len(node.children) >= 2 and \
            all(heads.match(_bare(c.heading.title)) for c in node.children):
        for n in walk([node]):
            n.kind = "timeline"


def fold_forms(roots: list[Node], text: str) -> list[Node]:
    """Fold the fields of a form back into its items, and return the items folded.

    Some lists fill in one form per item: ``一、开展年度国土变更调查工作`` / ``（一）年度工作计划`` /
    ``（二）具体工作措施`` / ``1.…`` / ``责任处室：…`` / ``完成时限：…``, the same sub-headings under every
    item. Such sub-headings are the item's fields, not measures of their own: the item is the
    measure and owns their text, steps, units and deadline. A group of siblings is a form when
    at least two sub-heading titles recur under most of its items; an item is folded only when
    all its sub-headings are those fields and it names its units once, in one labelled clause,
    since a unit clause given to the whole item says the item is the task. Titles that recur
    without such a clause (``（一）范围`` / ``（二）功能定位`` / ``（三）建设重点`` of each region of a
    规划, holding the region's measures) are left alone."""
    form = _vocabulary()["form"]
    folded = []
    for siblings in [roots] + [n.children for n in walk(roots)]:
        items = [s for s in siblings if s.children]
        fields = _recurring_titles(items, form)
        if len(fields) < form["min_fields"]:
            continue
        for item in items:
            if {_bare(c.heading.title) for c in item.children} <= fields and \
                    len(find_clauses(text, item.heading.body_start, item.end, fallbacks=False)) == 1:
                item.fields, item.children = item.children, []
                item.own_end = item.end
                folded.append(item)
    return folded


def states_year_plan(field_node: Node) -> bool:
    """Whether a form's field states what the year is to achieve (``（一）年度工作计划`` of each task
    of a 措施清单): in an annual plan its sentences are dated by the plan's year."""
    return _bare(field_node.heading.title) in _vocabulary()["form"]["year_plan_fields"]


def _recurring_titles(items: list[Node], form: dict) -> set[str]:
    """The sub-heading titles found under at least ``share`` of ``items`` (and ``min_items``)."""
    if len(items) < form["min_items"]:
        return set()
    counts: dict[str, int] = {}
    for item in items:
        for title in {_bare(c.heading.title) for c in item.children}:
            counts[title] = counts.get(title, 0) + 1
    return {t for t, n in counts.items() if n >= max(form["min_items"], form["share"] * len(items))}


def walk(roots: list[Node]):
    """All nodes in document order."""
    for node in roots:
        yield node
        yield from walk(node.children)


def is_measure(node: Node) -> bool:
    """A measure is a leaf of the action part (a plan whose actions are its top-level headings,
    ``一、能源绿色低碳转型科技支撑行动`` with no items below, has top-level measures)."""
    return node.is_leaf and node.kind == "action" and node.heading.kind not in ("annex", "chapter")
