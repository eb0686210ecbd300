"""Header metadata: title, 文号, 索引号, dates, issuer, publisher, region and level.

Web pages put the header in labelled fields (``索引号：`` with the value on the same or the next
line); PDFs often have only the title, the issuer's notice line and a signature. Both are read
from the normalised text; each value keeps the span it was read from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .vocabulary import load

_FIELDS = {"index_number": "索引号", "written_date": "成文日期", "effective_date": "生效时间|生效日期|施行日期",
           "published_date": "发布日期|公开日期", "publisher": "发布机构", "doc_number": "文号|发文字号",
           "issuer": "发文机关|发文单位"}
_LABEL_ANY = "|".join(_FIELDS.values()) + "|责任单位|主题分类|体裁分类|来源"
DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,12}?)\s*[\[［〔【（]\s*((?:19|20)\d{2})\s*[\]］〕】）]\s*(\d{1,4})\s*号")
_DOC_NUMBER_CORE = re.compile(r"[\[［〔【（]\s*(?:19|20)\d{2}\s*[\]］〕】）]\s*\d{1,4}\s*号")
_ISSUER_BEFORE = re.compile(r"[\u4e00-\u9fff]{1,12}\s*\Z")


def find_doc_numbers(text: str, start: int = 0):
    """Every 文号 in ``text[start:]`` as ``DOC_NUMBER`` matches, found from the bracketed year
    outward: scanning for the prefix at every character costs more than the rest of a parse."""
    for core in _DOC_NUMBER_CORE.finditer(text, start):
        issuer = _ISSUER_BEFORE.search(text, max(start, core.start() - 12), core.start())
        match = DOC_NUMBER.match(text, issuer.start(), core.end()) if issuer else None
        if match:
            yield match


_DATE = re.compile(r"((?:19|20)\d{2})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})\s*日?")
_TITLE_END = re.compile(r"(?:方案|计划|办法|措施|意见|规划|通知|决定|细则|纲要|政策)(?:（[^）]{1,12}）)?$")
# 关于印发《X》的通知 / 等四部门印发《X》的通知 / 印发关于X的通知 / a headline 中共中央办公厅、国务院
# 办公厅印发《X》: the notice that carries a plan, and who issued it
_NOTICE = re.compile(r"^(.{0,160}?)(?:关于)?印发(?:[《<＜〈«]([^》>＞〉»]+)[》>＞〉»](?:的(?:通知|函))?|(.+?)的(?:通知|函))$")
_QUOTED_TITLE = re.compile(r"[《«]([^》»\n]{4,60}?)[》»]")
_ADMIN = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:自治区|新区|省|市|区|县)")
_SIGNATURE = re.compile(r"^(.{2,30}?(?:人民政府|办公厅|办公室|委员会|政府))$")
_MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")


@dataclass
class MetaValue:
    value: str
    span: tuple[int, int]


@dataclass
class HeaderInfo:
    values: dict[str, MetaValue] = field(default_factory=dict)
    body_start: int = 0   # where the plan's own text begins (after the header block)
    problems: list[tuple[str, str, tuple[int, int] | None]] = field(default_factory=list)  # (code, message, span)


def read_header(text: str, head_chars: int = 3000) -> HeaderInfo:
    info = HeaderInfo()
    head = text[:head_chars]
    for key, labels in _FIELDS.items():
        m = re.search(rf"(?:{labels})\s*：\s*\n*\s*(.*)", head)
        if not m:
            continue
        value = re.split(rf"(?:{_LABEL_ANY})\s*：", m.group(1))[0].strip()
        if value:
            info.values[key] = MetaValue(value, (m.start(1), m.start(1) + len(value)))
    for key in ("written_date", "effective_date", "published_date"):
        if key in info.values:
            d = _DATE.search(info.values[key].value)
            if d:
                info.values[key].value = f"{int(d.group(1)):04d}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
            else:
                del info.values[key]
    _doc_number(head, info)
    _title_and_issuer(text, head, info)
    return info


def _doc_number(head: str, info: HeaderInfo) -> None:
    """The plan's own 文号: a labelled field, or a line of the header that holds only a 文号,
    bare or in brackets (``（国发〔2021〕4号）`` under the title of a web page printout)."""
    where = info.values.get("doc_number")
    m = DOC_NUMBER.search(where.value) if where else None
    offset = where.span[0] if where else 0
    if not m:
        m = re.search(r"^\s*[（(]?\s*" + DOC_NUMBER.pattern + r"\s*[）)]?\s*$", head[:800], re.M)
        offset = 0
        if not m:
            info.values.pop("doc_number", None)
            return
    value = format_doc_number(m)
    info.values["doc_number"] = MetaValue(value, (offset + m.start(), offset + m.end()))


_LEADING_WORDS = re.compile(r"^(?:按照|根据|依据|落实|执行|贯彻|参照|印发|和|及|与|见|按)+")


def doc_number_prefix(m: re.Match) -> str:
    """The issuer's abbreviation of a 文号 match, less words that ran into it (和, 按照…)."""
    return _LEADING_WORDS.sub("", m.group(1)) or m.group(1)


def format_doc_number(m: re.Match) -> str:
    """A 文号 match in its standard form: ``成青府发 [2024] 28 号`` → ``成青府发〔2024〕28号``."""
    return f"{doc_number_prefix(m)}〔{m.group(2)}〕{m.group(3)}号"


def _title_and_issuer(text: str, head: str, info: HeaderInfo) -> None:
    lines = _logical_lines(head)
    notice_title = None
    for start, line in lines[:6]:
        if line.endswith("文件") and _ADMIN.match(line):   # 武汉市人民政府文件
            info.values["issuer"] = MetaValue(line[:-2], (start, start + len(line) - 2))
            break
    for start, line in lines:
        m = _NOTICE.match(line)
        if m:
            issuer = m.group(1)
            if len(issuer) >= 2:
                info.values.setdefault("issuer", MetaValue(issuer, (start, start + len(issuer))))
            notice_title = m.group(2) or m.group(3)
            break
    for start, line in lines[:40]:
        if not line or "。" in line or len(line) > 60 or "：" in line:
            continue
        whole = re.fullmatch(r"[《<＜〈](.+)[》>＞〉]", line)
        if whole and not notice_title:   # 石家庄: the title stands alone in 《》 under the issuers
            info.values["title"] = MetaValue(whole.group(1), (start + 1, start + len(line) - 1))
            info.body_start = start + len(line)
            break
        if (notice_title and line == notice_title) or (not notice_title and _TITLE_END.search(line)):
            info.values["title"] = MetaValue(line, (start, start + len(line)))
            info.body_start = start + len(line)
            break
    if "title" not in info.values and notice_title:
        i = max(text.find(notice_title), 0)
        info.values["title"] = MetaValue(notice_title, (i, i + len(notice_title)))
    if "title" not in info.values:
        _title_from_first_paragraph(lines, info)
    if "issuer" not in info.values:
        for start, line in lines:
            m = _SIGNATURE.match(line)
            if m and _ADMIN.match(line):
                info.values["issuer"] = MetaValue(line, (start, start + len(line)))
                break


def _title_from_first_paragraph(lines: list[tuple[int, str]], info: HeaderInfo) -> None:
    """No title line: a news item or a preface stands first (``6月5日，我市印发《…实施方案》。…``).
    The title is the first quoted title there that ends like one, else the first line; either way
    a ``title-guessed`` warning says so."""
    for start, line in lines[:5]:
        for m in _QUOTED_TITLE.finditer(line):
            if _TITLE_END.search(m.group(1)):
                span = (start + m.start(1), start + m.end(1))
                info.values["title"] = MetaValue(m.group(1), span)
                info.problems.append(("title-guessed", "no title line; title taken from the quoted "
                                      f"《{m.group(1)}》 in the first paragraph", span))
                return
    for start, line in lines:
        if line:
            info.values["title"] = MetaValue(line[:60], (start, start + min(len(line), 60)))
            info.problems.append(("title-guessed", "no title line; the first line was taken as title",
                                  (start, start + min(len(line), 60))))
            return


def _logical_lines(head: str) -> list[tuple[int, str]]:
    """Header lines, with a notice title broken over two lines (…关于印发《…\n…》的通知) joined, and
    a ``（试行）`` line joined to the title above it."""
    raw = []
    pos = 0
    for line in head.split("\n"):
        raw.append((pos, line.strip()))
        pos += len(line) + 1
    out: list[tuple[int, str]] = []
    for start, line in raw:
        prev = out[-1][1] if out else ""
        if prev and line and (
                _title_continues(prev, line)
                or re.fullmatch(r"（[^）]{1,12}）", line) and _TITLE_END.search(prev)
                # a title broken before its last words: …绿色高质量发展 / 实施方案
                or len(line) <= 12 and _TITLE_END.search(line) and not _TITLE_END.search(prev)
                and not re.search(r"[，。：；、]", prev) and len(prev) >= 8):
            out[-1] = (out[-1][0], out[-1][1] + line)
            continue
        out.append((start, line))
    return out


_SENTENCE_MARK = re.compile(r"[。，,；：:！？]")
_YEAR_AT_END = re.compile(r"(?:19|20)\d{2}年度?$")
_NOT_TITLE_LINE = re.compile(r"(?:文件|〔\d{4}〕\d+号|\d+号|年\d{1,2}月\d{1,2}日)$")


def _title_continues(prev: str, line: str) -> bool:
    """A title broken over PDF lines: a line that opens a title (holds 关于 or 印发, or an open
    ``《`` / ``“``, or ends in the year the plan is for: ``省生态环境厅2021年度`` / ``推动…工作计划``)
    and does not end like one, followed by a line that is no sentence; or, however long, a line
    that ends in ``关于印发`` (the issuers of a joint notice, seven departments in one line). Each such line joins the
    one above, so a three-line title comes out whole."""
    opens = "关于" in prev or "印发" in prev or prev.count("《") > prev.count("》") \
        or bool(_YEAR_AT_END.search(prev))
    if prev.endswith(("关于印发", "联合印发", "关于")) and len(prev) <= 180 and len(line) <= 60 \
            and not _SENTENCE_MARK.search(line):
        return True   # a joint notice's issuers fill the first line: 省生态环境厅、…、省农业农村厅关于印发
    if prev.endswith(("》", "»")) and not line.startswith("的"):
        return False   # a headline ending in its quoted title (…印发《X》); 关于印发《X》 / 的通知 goes on
    return (opens and len(prev) <= 60 and len(line) <= 40 and not _SENTENCE_MARK.search(prev + line)
            and not _TITLE_END.search(prev) and not re.search(r"(?:通知|函)$", prev)
            and not _NOT_TITLE_LINE.search(prev) and not _NOT_TITLE_LINE.search(line))


_TRAILING_NOTE = re.compile(r"(?:[（(][^（）()]{1,16}[）)]\s*)+$")


def document_kind(title: str | None, text: str) -> str:
    """What the document is (``metadata.kind``): plan, opinion, rules, notice, call or other, from
    the words of its title, and for a notice from the words of a call for proposals in its body
    (cue words in ``data/document_kinds.json``)."""
    cues = load("document_kinds")
    title = _TRAILING_NOTE.sub("", (title or "").strip())
    for entry in cues["title_contains"]:
        if any(w in title for w in entry["words"]):
            return entry["kind"]
    kind = _kind_by_ending(title, cues["title_ends"]) or "other"
    if kind == "notice":
        kind = _carried_kind(title, cues) or kind
    if kind in ("notice", "other"):
        for body_kind, words in cues["body_cues"].items():
            if sum(w in text for w in words) >= 2:
                return body_kind
    return kind


def _kind_by_ending(title: str, entries: list[dict]) -> str | None:
    """The kind of the first entry of ``title_ends`` one of whose words ends ``title``."""
    for entry in entries:
        if any(title.endswith(w) for w in entry["words"]):
            return entry["kind"]
    return None


def _carried_kind(title: str, cues: dict) -> str | None:
    """The kind of the plan a notice names in its own title (``关于…具体措施的通知``: the notice is
    the measures, or brings them), when that is a kind that holds measures; else None."""
    for end in cues["carrier_ends"]:
        carried = title.removesuffix(end)
        if carried != title and not any(w in carried for w in cues["carrier_not"]):
            kind = _kind_by_ending(carried, cues["title_ends"])
            return kind if kind in cues["holds_measures"] else None
    return None


def holds_measures(kind: str) -> bool:
    """Whether numbered items of this kind of document are measures (else they are procedure)."""
    return kind in load("document_kinds")["holds_measures"]


def without_measures(kind: str) -> bool:
    """Whether a document of this kind has no measures at all, whatever it numbers (a call for
    proposals: its items are the directions it funds and how to apply)."""
    return kind in load("document_kinds")["without_measures"]


def region_and_level(issuer: str | None, title: str | None) -> tuple[str | None, str | None]:
    """The most local administrative unit named by the issuer (or title), and its level."""
    for source in (issuer, title):
        if not source:
            continue
        if re.match(r"^(?:国务院|中共中央|国家|中华人民共和国)", source) or re.match(r"^[\u4e00-\u9fff]{1,6}部", source):
            return None, "national"
        name = re.sub(r"^中共", "", source)
        units = []
        pos = 0
        while True:
            m = _ADMIN.match(name, pos)
            if not m or re.search(r"开发|高新", m.group(0)):
                break
            units.append(m.group(0))
            # 中共杭州市委杭州市人民政府: the 委 of the party committee opens no region name (委杭州市)
            pos = m.end() + name.startswith("委", m.end())
        if units:
            region = units[-1]
            if region in _MUNICIPALITIES or region.endswith("市"):
                return region, "city"
            if region.endswith(("省", "自治区")):
                return region, "province"
            return region, "district"
    return None, None
