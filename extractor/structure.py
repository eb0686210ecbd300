"""The heading grammar of Chinese plans, and the tree of sections and measures it gives.

Plans number their parts ``一、`` / ``（一）`` / ``1.`` / ``（1）`` / ``①`` (and ``第X章`` / ``第X条``
in rules and measures). The rank of a marker, not its depth on the page, says where it goes: a
heading pops the open headings of equal or lower rank, so skipped levels and numbering that
restarts under each parent come out right. A measure is a leaf of the action part.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Marker kinds in rank order (lower rank = higher in the tree).
_KINDS: list[tuple[str, re.Pattern]] = [
    ("annex", re.compile(r"附件\s*(\d{0,2})[：:]?\s*$")),
    ("chapter", re.compile(r"第([一二三四五六七八九十]{1,3})[章部]")),
    ("article", re.compile(r"第([一二三四五六七八九十百]{1,4})条(?![第、和至及])")),
    ("cn", re.compile(r"([一二三四五六七八九十]{1,3})、")),
    ("cn_paren", re.compile(r"（([一二三四五六七八九十]{1,4})）")),
    ("arabic", re.compile(r"(\d{1,2})\s*[.．、](?![\d.．])")),
    ("arabic_paren", re.compile(r"（(\d{1,2})）")),
    ("circled", re.compile(r"([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
]
_RANK = {name: i for i, (name, _) in enumerate(_KINDS)}

_GUARANTEE = re.compile(
    r"^(?:切实|全面)?(?:加强|强化|健全|完善|落实|做好|抓好)?(?:组织实施|保障措施|保障机制|组织保障|工作要求|组织领导|实施保障|"
    r"工作保障|监督考核|考核评估|督促落实|附则|工作机制|强化保障|组织推进|推进机制)$")
_OBJECTIVES = re.compile(r"^(?:明确)?(?:主要|工作|总体|发展|建设|行动|具体)?目标(?:任务)?$")
_PRINCIPLES = re.compile(r"^(?:指导思想|基本原则|总体要求|总体思路|工作原则|实施路径|总体考虑|适用范围|"
                         r"总体要求和主要目标|指导思想和主要目标|目的|定义|依据)$")


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

    @property
    def is_leaf(self) -> bool:
        return not self.children


def find_headings(text: str) -> list[Heading]:
    """Every line that starts with a heading marker, in order."""
    headings = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.lstrip()
        if not stripped:
            continue
        offset = start + len(line) - len(stripped)
        heading = _match_heading(stripped, offset, end)
        if heading:
            headings.append(heading)
    return headings


def _match_heading(line: str, offset: int, line_end: int) -> Heading | None:
    for kind, pattern in _KINDS:
        m = pattern.match(line)
        if not m:
            continue
        if kind == "annex":
            label = "附件" + m.group(1)
            return Heading(kind, m.group(1) or "", label, label, offset,
                           (offset, offset + m.end()), line_end, line_end)
        rest_at = m.end()
        title, body_at = _title_of(line, rest_at)
        if not title:
            return None
        marker = {"cn_paren": f"（{m.group(1)}）", "arabic_paren": f"（{m.group(1)}）",
                  "chapter": m.group(0), "article": m.group(0)}.get(kind, m.group(1))
        t_start = offset + max(line.find(title, rest_at), rest_at)
        return Heading(kind, m.group(1), marker, title, offset,
                       (t_start, t_start + len(title)), offset + body_at, line_end)
    return None


def _title_of(line: str, at: int) -> tuple[str, int]:
    """The heading sentence after the marker, and where the body text after it starts.

    The title is the text up to the first ``。``; an item with no short heading sentence gets its
    first clause (to the first ``，`` or ``；``) as title, as the gold format says.
    """
    rest = line[at:]
    stripped = rest.lstrip(" 　")
    lead = len(rest) - len(stripped)
    label = re.match(r"【([^】]{1,20})】", stripped)
    if label:  # articles of 办法 carry their title as a bracketed label: 第三条【目的】…
        return label.group(1), at + lead + label.end()
    cut = stripped.find("。")
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
    return roots


def _finish(siblings: list[Node], parent: Node | None, end: int) -> None:
    for i, node in enumerate(siblings):
        node.end = siblings[i + 1].heading.start if i + 1 < len(siblings) else end
        if parent is None:
            node.id, node.path, node.level = f"s{i + 1}", node.heading.marker, 1
        else:
            node.id = f"{parent.id}.{i + 1}"
            node.path = f"{parent.path}/{node.heading.marker}"
            node.level = parent.level + 1
        node.kind = _kind_of(node)
        _finish(node.children, node, node.end)


def _kind_of(node: Node) -> str:
    title = re.sub(r"[\s。：:]", "", node.heading.title)
    if node.heading.kind == "annex":
        return "other"
    for kind, pattern in (("guarantees", _GUARANTEE), ("objectives", _OBJECTIVES),
                          ("principles", _PRINCIPLES)):
        if pattern.match(title):
            return kind
    if node.parent is not None and node.parent.kind != "other":
        return node.parent.kind
    return "action"


def walk(roots: list[Node]):
    """All nodes in document order."""
    for node in roots:
        yield node
        yield from walk(node.children)


def is_measure(node: Node) -> bool:
    """A measure is a leaf of the action part (a plan whose actions are its top-level headings,
    ``一、能源绿色低碳转型科技支撑行动`` with no items below, has top-level measures)."""
    return node.is_leaf and node.kind == "action" and node.heading.kind not in ("annex", "chapter")
