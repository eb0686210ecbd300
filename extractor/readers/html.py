"""HTML reader: a plan saved from a government web page, read like its text version.

Such a page wraps the plan in site navigation, breadcrumbs, share buttons and a footer, and puts
the document's particulars in a header table (索引号 / 发布机构 / 文号 / 成文日期 …). The reader
drops the site furniture, writes the header as ``label:`` and value on lines of their own (the
layout of the Qingyang plan's text version, which the metadata rules read), and writes every
block of the body (paragraph, heading, list item, cell of a layout table) on a line of its own.
Data tables in the body go through the same row rendering as PDF and DOCX tables.

Text inside a block is kept as printed, with runs of white space collapsed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import PlanInputError
from . import Document
from .assemble import TextBuilder
from .source import nonempty_bytes, require, source_for

_METADATA_LABEL = re.compile(
    r"^\s*(索\s*引\s*号|发布机构|发文机关|发文单位|文\s*号|发文字号|成文日期|生效时间|生效日期|"
    r"发布日期|印发日期|主题分类|主\s*题\s*词|公文种类|有\s*效\s*性|废止日期|标\s*题|名\s*称)"
    r"\s*[:：]?\s*(.*)$", re.S)
_DROPPED_TAGS = ("script", "style", "noscript", "nav", "footer", "aside", "form", "iframe",
                 "button", "select", "input", "textarea", "svg", "img", "object", "head",
                 "template", "map")
_FURNITURE_NAME = re.compile(r"nav|menu|foot|breadcrumb|crumb|position|location|share|sidebar|"
                             r"toolbar|print|copyright|banner|search|login|related|friend|"
                             r"topbar|skip|bottom|fontsize|font-size", re.I)
_FURNITURE_TEXT = re.compile(r"版权所有|ICP备|网站标识码|公网安备|技术支持|网站地图|联系我们|"
                             r"您当前的位置|当前位置|【\s*字体|打印本页|关闭窗口|分享到")
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "td", "th", "li", "dt", "dd", "h1",
               "h2", "h3", "h4", "h5", "h6", "tr", "table", "tbody", "thead", "ul", "ol", "dl",
               "pre", "blockquote", "center", "header", "figure", "figcaption", "caption",
               "address", "hr"}
_SPACES = re.compile(r"[ \t\r\n\f\u00a0\u3000]+")


def read_html(path: Path) -> Document:
    """Read a saved web page; raise PlanInputError when it is empty or holds no text."""
    bs4 = require(path, "bs4", "beautifulsoup4", "html")
    require(path, "lxml", "lxml", "html")
    data = nonempty_bytes(path)
    soup = bs4.BeautifulSoup(data, "lxml")
    _drop_furniture(soup)
    builder = TextBuilder()
    _Walker(builder, _subtree_stats(soup)[0]).walk(soup.body or soup)
    text = builder.text()
    if not text.strip():
        raise PlanInputError(str(path), "HTML page holds no text")
    return Document(text=text, tables=builder.tables,
                    source=source_for(path, data, text, "html", soup.original_encoding))


def _drop_furniture(soup) -> None:
    """Remove scripts, navigation, share bars and footers, but never the plan's particulars."""
    from bs4 import Comment

    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    # Tags are visited in document order and a dropped tag takes its subtree with it, so the
    # subtree of a tag still standing is as it was: its figures, counted once, stay true.
    # (``Tag.decomposed`` is not used: it searches the subtree, quadratic in the nesting depth.)
    stats, parents = _subtree_stats(soup)
    gone: set[int] = set()
    for tag in soup.find_all(True):
        if id(parents.get(id(tag))) in gone:
            gone.add(id(tag))
            continue
        names = " ".join([*tag.get("class", []), tag.get("id", "")])
        st = stats[id(tag)]
        if (names and _FURNITURE_NAME.search(names) or _link_list(tag, st)) and not _holds_plan(st):
            gone.add(id(tag))
            tag.decompose()


@dataclass
class _Stats:
    """Figures of a tag's subtree (the tag itself excluded where a ``find_all`` would exclude it)."""
    text: int = 0            # characters of text, white space left out
    links: int = 0           # <a> tags below
    linked: int = 0          # characters of text inside those links
    long_paragraphs: int = 0  # <p> below with more than 50 characters
    paragraphs: int = 0      # <p> below
    tables: int = 0          # <table> below
    label: bool = False      # a short string reads as a header label (索引号, 文号 …)


def _subtree_stats(soup) -> tuple[dict[int, _Stats], dict[int, object]]:
    """One bottom-up pass over the page (iterative: pages nest thousands deep); computing these
    per tag with ``find_all`` was quadratic in the nesting depth. Also returns each tag's parent."""
    from bs4 import NavigableString, Tag

    stats: dict[int, _Stats] = {}
    parents: dict[int, object] = {}
    order: list = []
    stack = [soup]
    while stack:
        tag = stack.pop()
        order.append(tag)
        for child in tag.children:
            if isinstance(child, Tag):
                parents[id(child)] = tag
                stack.append(child)
    for tag in reversed(order):
        st = _Stats()
        for child in tag.children:
            if isinstance(child, Tag):
                c = stats[id(child)]
                st.text += c.text
                st.links += c.links + (child.name == "a")
                st.linked += c.linked + (c.text if child.name == "a" else 0)
                st.long_paragraphs += c.long_paragraphs + (child.name == "p" and c.text > 50)
                st.paragraphs += c.paragraphs + (child.name == "p")
                st.tables += c.tables + (child.name == "table")
                st.label = st.label or c.label
            elif isinstance(child, NavigableString):
                st.text += len(_SPACES.sub("", child))
                part = child.strip()
                st.label = st.label or bool(part and len(part) < 80 and _METADATA_LABEL.match(part))
        stats[id(tag)] = st
    return stats, parents


def _link_list(tag, st: _Stats) -> bool:
    """A menu: a list or box of three or more links that make up most of its text."""
    if tag.name not in ("ul", "ol", "div", "dl", "table", "p", "span"):
        return False
    if st.links < 3:
        return False
    return st.text == 0 or st.linked >= 0.6 * st.text


def _holds_plan(st: _Stats) -> bool:
    """Whether a block carries the plan's header or body text (then it is never dropped)."""
    return st.label or st.long_paragraphs >= 3


class _Walker:
    """Walks the page in document order, turning blocks into lines of the builder."""

    def __init__(self, builder: TextBuilder, stats: dict[int, _Stats]):
        self.builder = builder
        self.stats = stats
        self.buffer: list[str] = []

    def walk(self, root) -> None:
        """Visit the page in document order with a stack of its own (pages nest thousands of
        tags deep); text left in the buffer at the end is a line too (after the last ``<br>``)."""
        from bs4 import NavigableString

        stack: list[tuple[object, bool]] = [(child, False) for child in reversed(list(root.children))]
        while stack:
            node, leaving = stack.pop()
            if leaving:
                self.flush()
            elif isinstance(node, NavigableString):
                self.buffer.append(str(node))
            elif node.name == "br":
                self.flush()
            elif node.name == "table" and _is_data_table(node, self.stats[id(node)]):
                self.flush()
                self.table(node)
            else:
                if node.name in _BLOCK_TAGS:
                    self.flush()
                    stack.append((node, True))
                stack.extend((child, False) for child in reversed(list(node.children)))
        self.flush()

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.buffer)).strip()
        self.buffer = []
        if not text or (len(text) < 80 and _FURNITURE_TEXT.search(text)):
            return
        label = _METADATA_LABEL.match(text)
        if label and len(text) < 80:
            self.builder.add_paragraph(_SPACES.sub(" ", label.group(1)) + ":")
            self.builder.add_paragraph(label.group(2))
        else:
            self.builder.add_paragraph(text)

    def table(self, table) -> None:
        rows = []
        for row in table.find_all("tr"):
            cells = row.find_all(["td", "th"], recursive=False)
            rows.append([_SPACES.sub(" ", cell.get_text(" ")).strip() for cell in cells])
        if _is_metadata(rows):
            for cell in (cell for row in rows for cell in row):
                self.buffer = [cell]
                self.flush()
        else:
            self.builder.add_table(rows)


def _is_data_table(table, st: _Stats) -> bool:
    """A table of data (rows of short cells), not a layout table holding the page's blocks."""
    if st.tables or st.paragraphs > 3:
        return False
    cells = [cell for row in table.find_all("tr") for cell in row.find_all(["td", "th"], recursive=False)]
    return len(cells) >= 2 and max(len(cell.get_text()) for cell in cells) < 400


def _is_metadata(rows: list[list[str]]) -> bool:
    cells = [cell for row in rows for cell in row if cell]
    return sum(1 for cell in cells if _METADATA_LABEL.match(cell)) >= 2
