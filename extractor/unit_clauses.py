"""Responsible-unit clauses: find them in a measure's text and read them into units with roles.

The formats seen in plans: ``（责任单位：A、B等）`` in any bracket, on the measure's line or a line of
its own; ``牵头单位：A；配合单位：B、C`` in brackets or on separate lines; ``（A牵头，B、C配合）``;
``（A、B等按职责分工负责）``; ``由A会同B…`` inside a sentence (read only where a measure has no
clause); one list per province
split by ``；``; and document-level lead rules (``逗号前为牵头单位``, ``列首位的为牵头单位``,
``未明确牵头单位的…按职责分工负责``). This module only reads words; the
canonical department names come from :mod:`extractor.departments`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .labels import LeadBasis, Role

_OPEN = "（［〔【[〈<《"
_CLOSE = "）］〕】]〉>》"
_PAIRS = dict(zip(_OPEN, _CLOSE))

LEAD_LABELS = ("牵头单位", "牵头部门", "主责单位", "牵头")
SUPPORT_LABELS = ("配合单位", "配合部门", "参加单位", "参与单位", "协办单位", "协同单位")
PLAIN_LABELS = ("责任单位", "责任部门", "实施单位", "责任主体")
_LABEL = "|".join(LEAD_LABELS[:-1] + SUPPORT_LABELS + PLAIN_LABELS)
_CLAUSE_START = re.compile(rf"[（［〔【\[]\s*(?:{_LABEL})\s*[：:]")
_LINE_CLAUSE = re.compile(rf"^[^\S\n]*(?:{_LABEL})\s*[：:]", re.M)
_LEAD_SUPPORT = re.compile(r"[（(]([^（）()]{2,80}?)牵头(?:[，,、；]([^（）()]{2,120}?)(?:配合|参与|参加|协同|按职责分工负责))?[）)]")
_ORG = r"[^，。；、（）\s]{2,16}?(?:局|委|办|厅|政府|公司|中心|委员会|管委会)"
# lists capped at 40 names: an unbounded list is retried from every 由 (quadratic)
_IN_SENTENCE = re.compile(rf"由({_ORG}(?:、{_ORG}){{0,40}})(?:会同({_ORG}(?:、{_ORG}){{0,40}}|[^，。；]{{2,12}}?(?:部门|单位)))?(?:牵头|负责|组织)")
# （省发展改革委、省能源局等按职责分工负责）: a bare list of units that "are responsible"
_DUTY = re.compile(r"（((?:[^（）\n]|（[^（）\n]{0,80}）){1,300}?)(?:等(?:有关|相关)?(?:单位|部门)?)?"
                   r"(?:按职责分工负责|按职责分工|按职责负责|分别负责|负责)）")
_ORG_END = re.compile(r"(?:局|委|厅|办|部|院|署|会|联|协|政府|公司|中心|集团|行|室|处|站|所|社)(?:〈[^〉]{0,40}〉|（[^）]{0,40}）)?$")
_COLLECTIVE = re.compile(r"^(?:各|有关|相关)")
# Notes sit at the end of a clause body (searched on the body less its trailing white space);
# every repetition is bounded so that a search over a long body stays linear.
_NOTE = re.compile(r"[，,；;]?\s{0,4}(?:(?:逗号前|列首位|排在第一位?|排第一位?|第一个|首位)的?(?:单位)?为牵头单位)?[，,]?\s{0,4}下同$|"
                   r"[，,；;]?\s{0,4}(?:逗号前|列首位|排在第一位?|排第一位?|第一个|首位)的?(?:单位)?为牵头单位$")
_TRAILING = re.compile(r"(?:等(?:有关|相关)?(?:市级|区级|县级|省级)?(?:单位|部门)?|按职责分工负责|负责)$")
_PROVINCE_PREFIX = re.compile(r"^(.{1,6}?(?:省|市|自治区))")

RULE_COMMA = re.compile(r"逗号前(?:的)?(?:单位)?为牵头单位")
RULE_FIRST = re.compile(r"(?:列首位|排在?第一位?|排名第一|第一个|首位)的?(?:单位|部门)?为牵头(?:单位|部门)")
RULE_NO_LEAD = re.compile(r"未明确牵头单位")


@dataclass
class RawUnit:
    raw: str            # as printed, white space removed
    start: int
    end: int
    group: int          # index of the ；-separated list it came from
    before_comma: bool  # listed before the first top-level ，of its list
    label: str | None   # "lead" / "support" when the clause labels it
    full: str = ""      # the name with a prefix the list implies (市经济信息委 → 重庆市经济信息委)

    def __post_init__(self) -> None:
        self.full = self.full or self.raw


@dataclass
class Clause:
    start: int
    end: int
    units: list[RawUnit]
    labelled: bool      # some unit carries a 牵头/配合 label
    notes: str          # rule words found inside the clause (逗号前为牵头单位，下同 …)


@dataclass
class DocRules:
    """Lead rules a plan states once for all its unit lists."""
    comma: bool = False
    first: bool = False
    no_lead: bool = False

    @classmethod
    def find(cls, text: str) -> "DocRules":
        return cls(bool(RULE_COMMA.search(text)), bool(RULE_FIRST.search(text)),
                   bool(RULE_NO_LEAD.search(text)))


def find_clauses(text: str, start: int, end: int, fallbacks: bool = True) -> list[Clause]:
    """All unit clauses inside ``text[start:end]``, in order. Without ``fallbacks`` only labelled
    clauses (``责任单位：``, ``牵头单位：`` …) count, not lists read from brackets or sentences."""
    clauses: list[Clause] = []
    taken_until = start
    for m in _CLAUSE_START.finditer(text, start, end):
        if m.start() < taken_until:
            continue
        close = _matching_close(text, m.start(), end)
        clauses.append(_read_clause(text, m.start() + 1, close, m.start(), close + 1))
        taken_until = close + 1
    for m in _LINE_CLAUSE.finditer(text, start, end):
        if m.start() < taken_until or any(c.start <= m.start() < c.end for c in clauses):
            continue
        line_end = text.find("\n", m.start())
        line_end = end if line_end == -1 or line_end > end else line_end
        # 牵头单位：… and 配合单位：… on consecutive lines form one clause
        nxt = _LINE_CLAUSE.match(text, line_end + 1) if line_end < end else None
        if nxt:
            more = text.find("\n", nxt.start())
            line_end = end if more == -1 or more > end else more
        clauses.append(_read_clause(text, m.start(), line_end, m.start(), line_end))
        taken_until = line_end
    if not fallbacks:
        return sorted(clauses, key=lambda c: c.start)
    if not clauses:
        for m in _LEAD_SUPPORT.finditer(text, start, end):
            clauses.append(_read_lead_support(text, m))
    if not clauses:
        for m in _DUTY.finditer(text, start, end):
            clause = _read_clause(text, m.start(1), m.end(1), m.start(), m.end())
            if clause.units and _looks_like_units(clause.units):
                clauses.append(clause)
    if not clauses:
        for m in _IN_SENTENCE.finditer(text, start, end):
            clauses.append(_read_lead_support(text, m))
    return sorted(clauses, key=lambda c: c.start)


def _matching_close(text: str, open_at: int, limit: int) -> int:
    """Index of the bracket closing the one at ``open_at``, allowing nested brackets inside."""
    depth = 0
    for i in range(open_at, min(limit, open_at + 600)):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth == 0:
                return i
        elif ch == "\n":
            return i
    return min(limit, open_at + 600)


def _read_clause(text: str, a: int, b: int, span_a: int, span_b: int) -> Clause:
    body = text[a:b]
    notes = ""
    note = _NOTE.search(body.rstrip())
    if note:
        notes = note.group(0)
        body = body[:note.start()]
    units: list[RawUnit] = []
    labelled = False
    for g, (ga, gb) in enumerate(_split_top(body, "；;\n")):
        part = body[ga:gb]
        label = None
        lm = re.match(rf"\s*({_LABEL})\s*[：:]", part)
        if lm:
            name = lm.group(1)
            if name in LEAD_LABELS:
                label = "lead"
            elif name in SUPPORT_LABELS:
                label = "support"
            elif labelled or any(u.label == "lead" for u in units):
                label = "support"   # 牵头单位：A；责任单位：B — the rest support
            ga += lm.end()
            labelled = labelled or label is not None
        units.extend(_split_units(text, a + ga, a + gb, g, label))
    _complete_prefixes(units)
    return Clause(span_a, span_b, units, labelled, notes)


def _read_lead_support(text: str, m: re.Match) -> Clause:
    units = _split_units(text, m.start(1), m.end(1), 0, "lead")
    if m.group(2):
        units += _split_units(text, m.start(2), m.end(2), 1, "support")
    _complete_prefixes(units)
    return Clause(m.start(), m.end(), units, True, "")


def _split_top(s: str, seps: str) -> list[tuple[int, int]]:
    """Split ``s`` at separator characters that are not inside brackets."""
    parts, depth, begin = [], 0, 0
    for i, ch in enumerate(s):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in seps and depth == 0:
            parts.append((begin, i))
            begin = i + 1
    parts.append((begin, len(s)))
    return parts


def _split_units(text: str, a: int, b: int, group: int, label: str | None) -> list[RawUnit]:
    out: list[RawUnit] = []
    seen_comma = False
    body = text[a:b]
    pieces = _join_levels(body, _split_top(body, "、，,"))
    for pa, pb in pieces:
        sep = body[pb] if pb < len(body) else ""
        raw = body[pa:pb]
        # trim white space and trailing 等 / notes, keeping the span on the words kept
        lead_ws = len(raw) - len(raw.lstrip())
        raw = raw.strip()
        pa += lead_ws
        trimmed = _TRAILING.sub("", raw)
        trimmed = re.sub(r"等.{0,6}(?:单位|部门)$", "", trimmed)
        if len(trimmed) >= 2:
            clean = re.sub(r"\s+", "", trimmed)
            out.append(RawUnit(clean, a + pa, a + pa + len(trimmed), group, not seen_comma, label))
        if sep in "，,":
            seen_comma = True
    return out


def _looks_like_units(units: list[RawUnit]) -> bool:
    """A bracket that ends in 负责 lists units when its first name and most names read as units."""
    org = [bool(_ORG_END.search(u.raw) or _COLLECTIVE.match(u.raw)) for u in units]
    return org[0] and sum(org) * 3 >= len(org) * 2


_BARE_LEVEL = re.compile(r"^\s*(?:各|有关|相关)?[省市县区]\s*$")
_LEVEL_GOVERNMENT = re.compile(r"^\s*[省市县区][^、，]{0,8}政府")


def _join_levels(body: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``有关市、县〔区〕人民政府`` is one collective unit: a bare level (``有关市``) joins the next piece."""
    out: list[tuple[int, int]] = []
    pending = None
    for i, (pa, pb) in enumerate(pieces):
        if pending is not None:
            pa, pending = pending, None
        following = body[pieces[i + 1][0]:pieces[i + 1][1]] if i + 1 < len(pieces) else ""
        if _BARE_LEVEL.match(body[pa:pb]) and body[pb:pb + 1] == "、" and _LEVEL_GOVERNMENT.match(following):
            pending = pa
            continue
        out.append((pa, pb))
    return out


def _complete_prefixes(units: list[RawUnit]) -> None:
    """``重庆市发展改革委、市经济信息委`` → ``重庆市经济信息委``: short names take the list's prefix."""
    prefix = None
    group = -1
    for u in units:
        if u.group != group:
            group, prefix = u.group, None
        m = _PROVINCE_PREFIX.match(u.raw)
        if m and len(m.group(1)) > 1 and not u.raw.startswith(("市", "省")):
            prefix = m.group(1)
        elif prefix and u.raw[0] in "省市" and u.raw[0] == prefix[-1] and not u.raw.startswith("市级"):
            u.full = prefix[:-1] + u.raw


def assign_roles(clause: Clause, rules: DocRules) -> list[tuple[RawUnit, Role, LeadBasis]]:
    """Decide lead / support / joint for each unit of one clause."""
    units = clause.units
    if not units:
        return []
    comma = rules.comma or bool(RULE_COMMA.search(clause.notes))
    first = rules.first or bool(RULE_FIRST.search(clause.notes))
    if clause.labelled:
        return [(u, Role.LEAD if u.label == "lead" else Role.SUPPORT, LeadBasis.EXPLICIT) for u in units]
    if comma:
        return [(u, Role.LEAD if u.before_comma else Role.SUPPORT, LeadBasis.EXPLICIT) for u in units]
    if first:
        firsts = {min(i for i, v in enumerate(units) if v.group == g) for g in {u.group for u in units}}
        return [(u, Role.LEAD if i in firsts else Role.SUPPORT, LeadBasis.EXPLICIT)
                for i, u in enumerate(units)]
    if rules.no_lead:
        return [(u, Role.JOINT, LeadBasis.NONE) for u in units]
    return [(u, Role.LEAD if i == 0 else Role.SUPPORT, LeadBasis.FIRST_LISTED)
            for i, u in enumerate(units)]
