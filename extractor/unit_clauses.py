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
from dataclasses import dataclass, field

from .labels import LeadBasis, Role
from .vocabulary import alternatives as _alternatives, load

_VOCAB = load("unit_clauses")


_OPEN = "（［〔【[〈<《"
_CLOSE = "）］〕】]〉>》"
_PAIRS = dict(zip(_OPEN, _CLOSE))

LEAD_LABELS = tuple(_VOCAB["lead_labels"])
SUPPORT_LABELS = tuple(_VOCAB["support_labels"])
PLAIN_LABELS = tuple(_VOCAB["plain_labels"])
_COLON = "[" + re.escape(_VOCAB["colons"]) + "]"
_LABEL = _alternatives([*LEAD_LABELS, *SUPPORT_LABELS, *PLAIN_LABELS], broken=True)
_LABEL_AT = re.compile(rf"\s*({_LABEL})\s*{_COLON}")
_BROKEN_LABEL = re.compile(rf"(?:{_LABEL})(?={_COLON})")
_CLAUSE_START = re.compile(rf"[（［〔【\[]\s*(?:{_LABEL})\s*{_COLON}")
_LINE_CLAUSE = re.compile(rf"^[ \t]*(?:{_LABEL})\s*{_COLON}", re.M)
# 完成时限：2022年4月 inside a clause is the measure's deadline (read by extractor/deadlines.py), never a unit
_DEADLINE = re.compile(rf"(?:{_alternatives(load('deadlines')['labels'], broken=True)})\s*{_COLON}\s*[^；;，,\n]*")
_DUTY_WORDS = _alternatives(_VOCAB["duty_phrases"])
_SUPPORT_WORDS = _alternatives(_VOCAB["support_verbs"])
# a unit's own bracket may stand inside: 佛山中德工业服务区(三龙湾)管理委员会
_INNER = r"(?:[^（）()]|[（(][^（）()]{1,20}[）)])"
_LEAD_SUPPORT = re.compile(rf"[（(]({_INNER}{{2,80}}?)牵头(?:[，,、；]({_INNER}{{2,120}}?)(?:等(?:有关|相关)?(?:单位|部门)?)?"
                           rf"(?:{_SUPPORT_WORDS}|{_DUTY_WORDS}))?[）)]")
# （省生态环境厅负责，自然资源厅参与）: the units before 负责 are responsible, those before 参与 take part
_RESPONSIBLE_SUPPORT = re.compile(rf"[（(]({_INNER}{{2,80}}?)负责[，,；]({_INNER}{{2,120}}?)(?:等(?:有关|相关)?(?:单位|部门)?)?"
                                  rf"(?:{_SUPPORT_WORDS})[）)]")
# 责任部门：监测处、省监测中心牵头，财审处、气候处配合 — the duty words inside a labelled list
_LEADS_THEN_OTHERS = re.compile(rf"^([^，,；;]{{2,80}}?)牵头[，,]([^；;]{{2,120}}?)"
                                rf"(?:等(?:有关|相关)?(?:单位|部门)?)?(?:{_SUPPORT_WORDS}|{_DUTY_WORDS})\s*$")
_ORG = r"[^，。；、（）\s]{2,16}?(?:局|委|办|厅|政府|公司|中心|委员会|管委会)"
# lists capped at 40 names: an unbounded list is retried from every 由 (quadratic)
# 省自然资源厅负责，省农业农村厅、省水利厅参与。 — the same words as a sentence of their own, names only
_RESPONSIBLE_SENTENCE = re.compile(rf"(?:^|(?<=[。；;\n]))[ \t]*({_ORG}(?:、{_ORG}){{0,40}})负责[，,]"
                                   rf"({_ORG}(?:、{_ORG}){{0,40}})(?:等(?:有关|相关)?(?:单位|部门)?)?(?:{_SUPPORT_WORDS})"
                                   r"(?=[。；;]?[ \t]*(?:\n|$))", re.M)
_IN_SENTENCE = re.compile(rf"由({_ORG}(?:、{_ORG}){{0,40}})(?:会同({_ORG}(?:、{_ORG}){{0,40}}|[^，。；]{{2,12}}?(?:部门|单位)))?(?:牵头|负责|组织)")
# （省发展改革委、省能源局等按职责分工负责）: a bracket of bare lists of units that "are responsible"
# every repetition bounded, so that a scan over a long paragraph stays linear
_BRACKET = re.compile(r"[（〔［]((?:[^（）〔〕［］\n]|[（〔][^（）〔〕\n]{0,80}[）〕]){1,300}?)[）〕］]")
_DENG_HEAD = r"等(?:有关|相关)?(?:市级|区级|县级|省级)?"
_DENG = rf"{_DENG_HEAD}(?:单位|部门)?"
# 市商务局等部门和各区人民政府: a list of departments closed by 等部门 joined to one more unit
_CLOSED_LIST = re.compile(rf"{_DENG_HEAD}(?:单位|部门)$")
_JOINER = re.compile(_alternatives(_VOCAB["list_joiners"]))
# （A、B牵头，C等按职责分工负责，D负责落实）: the names before 牵头 lead, whatever the list says after;
# （A牵头负责）: the duty phrase blanked, 牵头 closes the list and A leads alone
_LEADS_FIRST = re.compile(r"^([^，,；;]{2,80}?)牵头(?:[，,]|\s*$)")
_DUTY_END = re.compile(rf"(?:{_DENG})?(?:{_DUTY_WORDS})(?:落实|推进)?(?=\s*(?:[，,；;]|$))")
_ORG_END = re.compile(rf"(?:{_alternatives(_VOCAB['unit_endings'])})(?:〈[^〉]{{0,40}}〉|（[^）]{{0,40}}）|〔[^〕]{{0,40}}〕)?$")
_COLLECTIVE = re.compile(rf"^(?:{_alternatives(_VOCAB['collective_openers'])})")
_GROUP_END = re.compile(rf"(?:{_alternatives(_VOCAB['group_endings'])})$")
_RULE_WORDS = rf"(?:{_alternatives(_VOCAB['lead_rule_positions'])})的?(?:单位|部门)?为牵头(?:单位|部门)"
# a lead rule printed inside a clause, anywhere at its top level: （…，排在第一为牵头单位，下同）
_NOTE = re.compile(rf"[，,；;]?\s{{0,4}}(?:{_RULE_WORDS}(?:[，,；;]?\s{{0,4}}下同)?(?:\s{{0,4}}{_COLON})?|下同\s{{0,4}}$)")
_TRAILING = re.compile(rf"(?:{_DENG}|(?:{_DENG})?(?:{_DUTY_WORDS})(?:落实)?)$")
_FRAGMENT_END = re.compile(rf"(?:{_alternatives(_VOCAB['fragment_endings'])})$")
# 各区人民政府〈含开发区，下同〉, 各市（含定州、辛集市，下同）政府: a note in a bracket of the name, at its end or
# inside it, dropped from the canonical name
_NAME_NOTE = re.compile(rf"[〈（][^〈〉（）]*(?:{_alternatives(_VOCAB['name_notes'])})[^〈〉（）]*[〉）]")
_NEVER_UNIT = re.compile("|".join(f"(?:{p})" for p in _VOCAB["never_units"]))
_STANDING = [re.compile(pattern) for pattern in _VOCAB["standing_notes"]]
_PROVINCE_PREFIX = re.compile(r"^([^、]{1,6}?(?:省|市|自治区))")

RULE_COMMA = re.compile(r"逗号前(?:的)?(?:单位)?为牵头单位")
RULE_FIRST = re.compile(rf"(?:{_alternatives([w for w in _VOCAB['lead_rule_positions'] if w != '逗号前'])})"
                        r"的?(?:单位|部门)?为牵头(?:单位|部门)")
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
    standing: list[RawUnit] = field(default_factory=list)
    basis: LeadBasis = LeadBasis.EXPLICIT
    """The lead basis of a labelled clause's roles: ``first_listed`` where the words name who is
    responsible and who takes part but none is marked 牵头 (``X负责，Y参与``)."""
    """Units a note names for every later item, not this one's list (``以下均需地方各级人民政府落实，
    不再列出``): the plan stops printing them, so the caller adds them to each later item."""


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


def find_clauses(text: str, start: int, end: int, fallbacks: bool = True,
                 in_sentence: bool = True) -> list[Clause]:
    """All unit clauses inside ``text[start:end]``, in order. Without ``fallbacks`` only labelled
    clauses (``责任单位：``, ``牵头单位：`` …) count, not lists read from brackets or sentences;
    without ``in_sentence`` lists in brackets count but not the names of a sentence (``由A会同B…``)."""
    clauses: list[Clause] = []
    taken_until = start
    for m in _CLAUSE_START.finditer(text, start, end):
        if m.start() < taken_until:
            continue
        close = _matching_close(text, m.end(), end)
        # the closing bracket is the clause's last character; a clause cut off by the end of
        # the text has none
        span_end = close + 1 if close < end else end
        clauses.append(_read_clause(text, m.start() + 1, close, m.start(), span_end))
        taken_until = span_end
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
    if clauses:
        # a paragraph may close one sentence with a bare list and another with a labelled clause
        clauses.extend(_duty_lists(text, start, end, [(c.start, c.end) for c in clauses]))
        return sorted(clauses, key=lambda c: c.start)
    for m in _LEAD_SUPPORT.finditer(text, start, end):
        clauses.append(_read_lead_support(text, m))
    if not clauses:
        for pattern in (_RESPONSIBLE_SUPPORT, _RESPONSIBLE_SENTENCE):
            clauses.extend(_read_responsible(text, m) for m in pattern.finditer(text, start, end))
    if not clauses:
        clauses.extend(_duty_lists(text, start, end, []))
    if not clauses:
        clauses.extend(c for m in _BRACKET.finditer(text, start, end) if (c := _read_bare(text, m, start, end)))
    if not clauses and in_sentence:
        for m in _IN_SENTENCE.finditer(text, start, end):
            clauses.append(_read_lead_support(text, m))
    return sorted(clauses, key=lambda c: c.start)


def _duty_lists(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[Clause]:
    """The brackets of ``text[start:end]`` outside the spans ``taken`` that list units ending in a
    duty phrase (``（A、B等按职责分工负责）``)."""
    found = []
    for m in _BRACKET.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in taken):
            continue
        clause = _read_duty(m)
        if clause and clause.units and _looks_like_units(clause.units):
            found.append(clause)
    return found


def _matching_close(text: str, after: int, limit: int) -> int:
    """Index of the bracket closing a clause whose label ends at ``after``, allowing nested
    brackets inside; a line break ends an unclosed clause (the label itself may be broken), unless
    it follows the label directly (``（责任单位：`` ending one line, its units on the next)."""
    depth = 1
    for i in range(after, min(limit, after + 600)):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth == 0:
                return i
        elif ch == "\n" and text[after:i].strip():
            return i
    return min(limit, after + 600)


def _read_clause(text: str, a: int, b: int, span_a: int, span_b: int) -> Clause:
    body = text[a:b]
    standing = _standing_units(body, a)
    body = _without_note(body)
    # rule words and deadlines are not units: blank them, so the offsets of the units stay true
    notes = [m.group(0) for m in _NOTE.finditer(body)]
    body = _NOTE.sub(lambda m: " " * len(m.group(0)), body)
    body = _DEADLINE.sub(lambda m: " " * len(m.group(0)), body)
    body = _BROKEN_LABEL.sub(lambda m: m.group(0).replace("\n", " "), body)   # （责 / 任单位：
    units: list[RawUnit] = []
    labelled = False
    for g, (ga, gb) in enumerate(_groups(body)):
        part = body[ga:gb]
        label = None
        lm = _LABEL_AT.match(part)
        if lm:
            name = re.sub(r"\s+", "", lm.group(1))
            if name in LEAD_LABELS:
                label = "lead"
            elif name in SUPPORT_LABELS:
                label = "support"
            elif labelled or any(u.label == "lead" for u in units):
                label = "support"   # 牵头单位：A；责任单位：B — the rest support
            ga += lm.end()
            labelled = labelled or label is not None
        inner = _LEADS_THEN_OTHERS.match(body[ga:gb].strip()) if label is None else None
        if inner:
            pad = len(body[ga:gb]) - len(body[ga:gb].lstrip())
            units.extend(_split_units(inner.group(1), a + ga + pad + inner.start(1), g, "lead"))
            units.extend(_split_units(inner.group(2), a + ga + pad + inner.start(2), g, "support"))
            labelled = True
            continue
        units.extend(_split_units(body[ga:gb], a + ga, g, label))
    _complete_prefixes(units)
    basis = LeadBasis.EXPLICIT
    if labelled and not any(u.label == "lead" for u in units):
        basis = _lead_by_position(units)
    return Clause(span_a, span_b, units, labelled, "".join(notes), standing, basis)


def _lead_by_position(units: list[RawUnit]) -> LeadBasis:
    """``（责任单位：X，配合单位：Y、Z）`` marks who takes part but nobody 牵头: the first unit not
    labelled as support leads by convention, the others support. Returns the basis of the roles."""
    first = next((u for u in units if u.label is None), None)
    for u in units:
        u.label = "lead" if u is first else "support"
    return LeadBasis.FIRST_LISTED


def _groups(body: str) -> list[tuple[int, int]]:
    """The lists of a clause: split at top-level ``；`` and line breaks, and at a comma that opens
    another label (``牵头单位：X，配合单位：Y``)."""
    out = []
    for ga, gb in _split_top(body, "；;\n"):
        begin = ga
        for ca, _ in _split_top(body[ga:gb], "，,")[1:]:
            if _LABEL_AT.match(body, ga + ca):
                out.append((begin, ga + ca - 1))
                begin = ga + ca
        out.append((begin, gb))
    return out


def _read_duty(m: re.Match) -> Clause | None:
    """A bracket of units that ends in a duty phrase: ``（A，B、C等按职责分工负责）``, ``〔A、B等按职责分工
    负责，C负责落实。以下均需C落实，不再列出〕``, ``（A、B负责，C具体落实，以下任务不再列出，下同）``
    (the note names units for later items; a sentence after ``。`` is a note too). The notes and
    duty phrases are blanked and the rest read as one list, whose names before a ``牵头，`` (or a
    closing ``牵头负责``) lead explicitly and the others support; ``None`` when the bracket does not end in a duty phrase."""
    body = m.group(1)
    standing = _standing_units(body, m.start(1))
    body = _NOTE.sub(lambda n: " " * len(n.group(0)), _without_note(body))
    stop = body.find("。")
    body = body[:stop] if stop != -1 else body
    body = body[:len(body.rstrip(" \u3000，,；;"))]
    duties = list(_DUTY_END.finditer(body))
    if not duties or duties[-1].end() != len(body):
        return None
    blanked = _DUTY_END.sub(lambda d: " " * len(d.group(0)), body)
    lead = _LEADS_FIRST.match(blanked)
    if lead is None:
        units = _split_units(blanked, m.start(1), 0, None)
    else:
        units = (_split_units(lead.group(1), m.start(1), 0, "lead")
                 + _split_units(blanked[lead.end():], m.start(1) + lead.end(), 1, "support"))
    _complete_prefixes(units)
    return Clause(m.start(), m.end(), units, lead is not None, "", standing)


def _read_bare(text: str, m: re.Match, start: int, end: int) -> Clause | None:
    """A bracket that closes a paragraph and holds nothing but names of units, with no duty
    phrase: ``…逐一登记造册。（市发展改革委、市经济信息委、市能源局）``. Every name must read as a unit
    (a bracket of other words at a paragraph's end is an explanation, not a list). Units the
    item's sentences name as leading (``由省经信厅牵头指导…``) are its leads, the others support."""
    after = text[m.end():end].lstrip(" \t\u3000。；;")
    before = text[max(start, m.start() - 8):m.start()].rstrip()
    if after and after[0] != "\n" or not before or before[-1].isascii():
        return None   # not after the item's words (a phone number's bracket names an employer)
    units = _split_units(m.group(1), m.start(1), 0, None)
    if not units or any(len(u.raw) > 30 or u.raw.endswith("行") or not (
            _ORG_END.search(u.raw) or _COLLECTIVE.match(u.raw) and _COLLECTIVE_HEAD.search(u.raw))
                        for u in units):
        return None
    _complete_prefixes(units)
    named = {u.full for s in _IN_SENTENCE.finditer(text, start, m.start())
             for u in _split_units(s.group(1), s.start(1), 0, None)}
    leads = [u for u in units if u.full in named]
    for u in units:
        u.label = ("lead" if u in leads else "support") if leads else None
    return Clause(m.start(), m.end(), units, bool(leads), "")


def _standing_note(body: str) -> re.Match | None:
    """The first note at the top level of a clause that names units for every later item
    (``以下均需X落实，不再列出``, ``X具体落实，以下任务不再列出``); inside a unit's bracket
    (``各区人民政府〈含开发区，以下…不再列出〉``) it belongs to that name (kept in ``raw``)."""
    found = []
    for pattern in _STANDING:
        for m in pattern.finditer(body):
            before = body[:m.start()]
            if sum(before.count(c) for c in _OPEN) == sum(before.count(c) for c in _CLOSE):
                found.append(m)
                break
    return min(found, key=lambda m: m.start(), default=None)


def _note_span(m: re.Match) -> tuple[int, int]:
    """What of a note is no unit of the item: all of it, or only its ``note`` group where the
    units it names are this item's too (``C具体落实，以下任务不再列出``)."""
    return m.span("note") if "note" in m.re.groupindex else m.span()


def _without_note(body: str) -> str:
    """``body`` with its top-level note blanked (offsets kept)."""
    note = _standing_note(body)
    if note is None:
        return body
    a, b = _note_span(note)
    return body[:a] + " " * (b - a) + body[b:]


def _standing_units(body: str, a: int) -> list[RawUnit]:
    """The units of the note of ``body`` (a clause's text, starting at ``a``), if it has one. A
    note printed inside a unit's own bracket (``各区人民政府〈含开发区，以下工作任务均需各区人民政府落实，
    不再列出〉``) names them for the later items just the same; it stays in that unit's ``raw``."""
    m = _standing_note(body) or next(filter(None, (pattern.search(body) for pattern in _STANDING)), None)
    return _split_units(m.group("units"), a + m.start("units"), 0, None) if m else []


def _read_lead_support(text: str, m: re.Match) -> Clause:
    units = _split_units(m.group(1), m.start(1), 0, "lead")
    if m.group(2):
        units += _split_units(m.group(2), m.start(2), 1, "support")
    _complete_prefixes(units)
    return Clause(m.start(), m.end(), units, True, "")


def _read_responsible(text: str, m: re.Match) -> Clause:
    """``X负责，Y、Z参与``: X is responsible and leads, Y and Z support. Nothing says 牵头, so the lead
    is one by convention (``first_listed``), as for a plain list that names X first."""
    units = _split_units(m.group(1), m.start(1), 0, "lead") + _split_units(m.group(2), m.start(2), 1, "support")
    _complete_prefixes(units)
    return Clause(m.start(), m.end(), units, True, "", basis=LeadBasis.FIRST_LISTED)


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


def _split_units(body: str, a: int, group: int, label: str | None) -> list[RawUnit]:
    """The units of one list ``body``, which starts at ``a`` in the text."""
    out: list[RawUnit] = []
    seen_comma = False
    # no name holds 。: between two names it is a misprinted 、 (省市场监管局。各市〔州〕人民政府)
    pieces = _shared_place_heads(body, _split_joined(body, _split_top(body, "、，,。")))
    for pa, pb, full in _read_levels(body, pieces):
        sep = body[pb] if pb < len(body) else ""
        raw = body[pa:pb]
        # trim white space and trailing 等 / notes, keeping the span on the words kept
        lead_ws = len(raw) - len(raw.lstrip())
        raw = raw.strip()
        pa += lead_ws
        trimmed = _TRAILING.sub("", raw)
        trimmed = re.sub(r"等.{0,6}(?:单位|部门)$", "", trimmed)
        if len(_FRAGMENT_END.sub("", trimmed)) >= 2:   # 市自然资源局分别 → 市自然资源局
            trimmed = _FRAGMENT_END.sub("", trimmed)
        clean = re.sub(r"\s+", "", trimmed)
        if len(trimmed) >= 2 and not _NEVER_UNIT.match(clean):
            full = _NAME_NOTE.sub("", full or clean)
            out.append(RawUnit(clean, a + pa, a + pa + len(trimmed), group, not seen_comma, label, full))
        if sep in "，,":
            seen_comma = True
    return out


def _split_joined(body: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``pieces`` of ``body`` cut once more at a joining word (和, 及, 与) between two units: after a
    list closed by ``等部门`` (``市商务局等部门和各区人民政府``), or between two whole names, each ending
    in an organisation's word (``各设区市人民政府和平潭综合实验区管委会``). Inside one name the words
    before the joiner end in none (``省住房和城乡建设厅``, ``自然资源和规划局``), and a bare head after
    it shares the name before (``各市州党委和政府``): the piece stays whole. The joining word belongs to
    neither side."""
    out = []
    for pa, pb in pieces:
        for m in _JOINER.finditer(body, pa, pb):
            left = body[pa:m.start()].strip()
            right = _TRAILING.sub("", body[m.end():pb].strip())
            if _CLOSED_LIST.search(left) or _ORG_END.search(left) and _ORG_END.search(right) \
                    and not _BARE_HEAD.match(right):
                out.append((pa, m.start()))
                pa = m.end()
        out.append((pa, pb))
    return out


def _shared_place_heads(body: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``pieces`` of ``body`` with bare place names joined to the place-level unit they precede:
    ``广州、深圳市政府`` prints 市政府 once for both cities, so it is one unit as printed, while
    ``金堂县、大邑县政府`` names each county in full and stays two."""
    out: list[tuple[int, int]] = []
    for pa, pb in pieces:
        if _PLACE_UNIT.match(body[pa:pb]):
            while out and body[out[-1][1]:out[-1][1] + 1] == "、" and _is_bare_place(body[out[-1][0]:out[-1][1]]):
                pa = out.pop()[0]
        out.append((pa, pb))
    return out


def _is_bare_place(piece: str) -> bool:
    """``广州``: two or three characters naming a place without its level (``金堂县`` has one), and
    no unit of its own (``省政府``, ``市委``)."""
    name = piece.strip()
    return bool(_BARE_PLACE.match(name)) and not name.endswith(tuple(_VOCAB["place_endings"])) \
        and not _ORG_END.search(name)


def _looks_like_units(units: list[RawUnit]) -> bool:
    """A bracket that ends in 负责 lists units when its first name and most names read as units
    (a group of bodies named by their duty, ``行业主管部门``, is one in such a list)."""
    org = [bool(_ORG_END.search(u.raw) or _COLLECTIVE.match(u.raw) or _GROUP_END.search(u.raw)) for u in units]
    return org[0] and sum(org) * 3 >= len(org) * 2


_LEVEL_WORD = _alternatives(_VOCAB["levels"])
# 深圳市政府: a place, its level and a collective head; 广州 (before it): a place with no level
_PLACE_UNIT = re.compile(rf"^\s*[\u4e00-\u9fff]{{2,4}}?(?:{_LEVEL_WORD})(?:{_alternatives(_VOCAB['collective_heads'])})\s*$")
_BARE_PLACE = re.compile(rf"^(?!{_alternatives(_VOCAB['collective_openers'])})[\u4e00-\u9fff]{{2,3}}$")


def _bare_level(words: str) -> re.Pattern:
    """A piece of a list that is nothing but level words (``各市``, ``县〔区〕``), ``words`` times."""
    return re.compile(rf"^\s*(?:{_alternatives(_VOCAB['collective_openers'])})?(?:{_LEVEL_WORD}){words}"
                      r"(?:[（〔][^（）〔〕]{1,8}[）〕])?\s*$")


_ONE_LEVEL = _bare_level("")
# a bare level may join up to three levels in one word (市州、县市区人民政府: the cities and the counties)
_BARE_LEVELS = _bare_level("{1,3}")
_LEVEL_AND_REST = re.compile(rf"^\s*(?:{_LEVEL_WORD})(?:[（〔][^（）〔〕]{{1,8}}[）〕])?(\S{{2,}})$")
# 各市州党委和政府: a head with no name of its own shares the name before the joiner, one unit as printed
_BARE_HEAD = re.compile(rf"^(?:{_alternatives(_VOCAB['collective_heads'] + _VOCAB['unit_endings'])})$")
_COLLECTIVE_HEAD = re.compile(rf"(?:{_alternatives(_VOCAB['collective_heads'])})(?:〈[^〉]*〉|（[^）]*）)?$")


def _read_levels(body: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int, str | None]]:
    """Bare level words listed before a name: ``有关市、县〔区〕人民政府`` and ``各市、县、自治县人民政府``
    are one collective unit; ``市、县（区）科技局`` names one unit per level (``市科技局`` printed as
    the whole compound, then ``县（区）科技局``). Returns ``(start, end, full name or None)``."""
    out: list[tuple[int, int, str | None]] = []
    run: list[tuple[int, int]] = []     # bare levels waiting for the name they belong to
    for pa, pb in pieces:
        piece = body[pa:pb].strip()
        if _BARE_LEVELS.match(piece) and body[pb:pb + 1] == "、":
            run.append((pa, pb))
            continue
        rest = _LEVEL_AND_REST.match(piece)
        if run and rest and _COLLECTIVE_HEAD.search(piece):
            out.append((run[0][0], pb, None))
        elif run and rest and not _COLLECTIVE.match(body[run[0][0]:run[0][1]].strip()) \
                and all(_ONE_LEVEL.match(body[ra:rb]) for ra, rb in run):
            for ra, rb in run:
                out.append((run[0][0], pb, body[ra:rb].strip() + rest.group(1)))
            out.append((pa, pb, None))
        else:
            out.extend((ra, rb, None) for ra, rb in run)
            out.append((pa, pb, None))
        run = []
    out.extend((ra, rb, None) for ra, rb in run)
    return out


def _complete_prefixes(units: list[RawUnit]) -> None:
    """``重庆市发展改革委、市经济信息委`` → ``重庆市经济信息委``: short names take the prefix of a list
    that opens with a region's name (or switches to another region's). A named unit inside a list
    of short names (``市商务局、深圳市供电局、市生态环境局``) is an entity of its own and sets no prefix,
    nor does a collective (``各设区市人民政府，…、市场监管局`` is no 各设区市场监管局)."""
    prefix = None
    group = -1
    for u in units:
        opens = u.group != group
        if opens:
            group, prefix = u.group, None
        # a collective (各设区市人民政府, 各省辖市政府) names no one region: it sets no prefix
        m = None if _COLLECTIVE.match(u.raw) else _PROVINCE_PREFIX.match(u.raw)
        if m and len(m.group(1)) > 1 and not u.raw.startswith(("市", "省")):
            if opens or prefix:
                prefix = m.group(1)
        elif prefix and u.raw[0] in "省市" and u.raw[0] == prefix[-1] and not u.raw.startswith("市级") \
                and u.full == u.raw:
            u.full = prefix[:-1] + u.raw


def assign_roles(clause: Clause, rules: DocRules) -> list[tuple[RawUnit, Role, LeadBasis]]:
    """Decide lead / support / joint for each unit of one clause."""
    units = clause.units
    if not units:
        return []
    comma = rules.comma or bool(RULE_COMMA.search(clause.notes))
    first = rules.first or bool(RULE_FIRST.search(clause.notes))
    if clause.labelled:
        return [(u, Role.LEAD if u.label == "lead" else Role.SUPPORT, clause.basis) for u in units]
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
