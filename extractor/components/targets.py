from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..deadlines import find_deadlines
from ..extensions import text_of

from ..indicator_tables import read_tables
from ..structure import states_year_plan, walk
from ..targets import TargetScan, annual_plan_endings, find_targets, first_year, periods


_TITLE_YEAR = re.compile(r"(?<![到至])((?:19|20)\d{2})年(?!前)")
_TITLE_SPAN = re.compile(r"(?P<a>(?:19|20)\d{2})\s*年?\s*[—–\-－~～至到]\s*(?P<b>(?:19|20)?\d{2})(?!\d)")


class TargetFinder:
    """Finds dated quantitative targets and dated goals into ``doc._.targets`` / ``doc._.goals``.

    Targets are searched after the header block only: a 文号 or a date in the header is no target.
    Indicator tables are read by :mod:`extractor.indicator_tables`, the prose by
    :mod:`extractor.targets`, which leaves the tables' rows alone.
    Numbers that looked like targets but could not be read become ``target-unread`` warnings,
    rows of an indicator table that could not be read ``table-unread``;
    a target whose year the sentence does not print (``全年新建…`` in an annual plan) gets a
    ``target-year-inferred`` warning naming where the year came from.
    """

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> TargetScan:
        header = doc._.header
        start = header.body_start if header else 0
        text, year = text_of(doc), _history_ends(header)
        annual = annual_year(header)
        if annual is not None and year is not None and annual < year:
            annual = None       # a plan for a year already past when it was written
        tables = read_tables(text, start, plan_year=year, period_year=_period_year(header))
        scan = find_targets(text, start, plan_year=year, skip=tables.rows,
                            dated=_dated_parts(doc, text, year, annual), annual_year=annual,
                            period_end=_title_span_end(header), deadlines=_deadline_years(text, start, plan_year(header)))
        scan.targets = sorted(scan.targets + tables.targets, key=lambda t: (t.start, t.value_span))
        scan.unread_tables = tables.unread
        return scan

    def set_annotations(self, doc: Doc, scan: TargetScan) -> None:
        doc._.targets = scan.targets
        doc._.goals = scan.goals
        for p in scan.problems:
            doc._.problems.append(("target-unread", p.message, (p.start, p.end)))
        for p in scan.unread_tables:
            doc._.problems.append(("table-unread", p.message, (p.start, p.end)))
        for t in scan.targets:
            if t.year_basis:
                doc._.problems.append(("target-year-inferred", f"no year printed for {t.text!r}: "
                                       f"{t.year} from {t.year_basis}", (t.start, t.end)))
        doc.spans["targets"] = [s for t in scan.targets
                                if (s := doc.char_span(t.start, t.end, label="TARGET", alignment_mode="expand"))]


def _deadline_years(text: str, start: int, plan_year: int | None) -> list[tuple[int, int, str]]:
    """The items' printed deadlines that name a year not past: where each label starts, its year
    and its words."""
    found = []
    for d in find_deadlines(text, start, plan_year=plan_year):
        year = int(d.date[:4]) if d.date else None
        if year is not None and (plan_year is None or year >= plan_year):
            found.append((d.label_start, year, d.text))
    return found


def plan_year(header) -> int | None:
    """The year the plan was written (成文日期, else the year in its 文号), else the first year of
    the period its title names (a “十四五” plan is written in 2021 at the earliest): years
    before it are history."""
    if header is None:
        return None
    for key in ("written_date", "doc_number", "published_date"):
        if key in header.values:
            m = re.search(r"(?:19|20)\d{2}", header.values[key].value)
            if m:
                return int(m.group())
    period = _period_year(header)
    return period - 4 if period is not None else None


def _history_ends(header) -> int | None:
    """The first year that is not history for the targets: the plan's year, else the first year
    of the span of years its title names (``三年行动计划（2021—2023年）``: ``截止2020年底，林地面积
    1367万亩`` is the starting point). Not a plan year for its deadlines' months: a span names
    no one year."""
    span = _title_span(header)
    return plan_year(header) or (span[0] if span else None)


def _dated_parts(doc: Doc, text: str, year: int | None,
                 annual: int | None) -> list[tuple[int, int, int, str]]:
    """Objectives sections (``三、发展目标``): their undated sentences state targets for the year
    the section names first (``到2025年``), else for the end of the plan's period (“十四五” → 2025,
    a title's ``（2022—2024年）`` → 2024: ``经过三年努力，力争…`` is a goal for the period's last
    year), else (an annual plan's ``一、工作目标``) for the plan's own year. In an annual plan, the
    fields of a form that state the year's plan (``（一）年度工作计划`` under each task of a 措施清单)
    are dated by the plan's year too."""
    period = _period_year(doc._.header) or _title_span_end(doc._.header)
    parts = []
    for node in walk(doc._.sections or []):
        if node.kind != "objectives":
            continue
        named = first_year(text, node.heading.start, node.end, year)
        found, basis = ((named, "the year its objectives section names") if named is not None
                        else (period, "the end of the plan's period") if period is not None
                        else (annual, "the annual plan's year"))
        if found is not None and (year is None or found >= year):
            parts.append((node.heading.start, node.end, found, basis))
    if annual is not None:
        parts += [(f.heading.start, f.end, annual, f"the annual plan's year ({f.heading.title})")
                  for node in walk(doc._.sections or []) for f in node.fields if states_year_plan(f)]
    return parts


def annual_year(header) -> int | None:
    """The year an annual work plan is for (``2021年推动碳达峰、碳中和工作计划``): its title names
    one year, not as a deadline (``2030年前``, ``到2025年``) nor a span, and ends as a plan, list or
    summary of points does (``annual_plan_endings``). It dates the months of its deadlines
    (``完成期限：6月底``) and its sentences that say ``全年`` or ``年内``."""
    if header is None or "title" not in header.values:
        return None
    title = header.values["title"].value.strip()
    years = {m.group(1) for m in _TITLE_YEAR.finditer(title)}
    if len(years) != 1 or _TITLE_SPAN.search(title) or not title.endswith(annual_plan_endings()):
        return None
    return int(years.pop())


def _title_span_end(header) -> int | None:
    """The last year of the span of years the plan's title names (``…行动计划（2022—2024年）``,
    ``2021-2023年…实施方案`` → 2024, 2023), when it names exactly one."""
    span = _title_span(header)
    return span[1] if span else None


def _title_span(header) -> tuple[int, int] | None:
    """The first and last year of the span of years the plan's title names, when it names exactly one."""
    if header is None or "title" not in header.values:
        return None
    spans = list(_TITLE_SPAN.finditer(header.values["title"].value))
    if len(spans) != 1:
        return None
    first, last = int(spans[0]["a"]), int(spans[0]["b"])
    last = last if last >= 100 else first // 100 * 100 + last
    return (first, last) if first < last <= first + 15 else None


def _period_year(header) -> int | None:
    """The last year of the period the plan's title names (“十四五” → 2025), which dates an
    indicator-table column headed 规划目标."""
    if header is None or "title" not in header.values:
        return None
    title = header.values["title"].value
    return next((year for period, year in periods().items() if period in title), None)


@Language.factory("policykg_targets", default_config={}, assigns=['doc._.targets', 'doc._.goals', 'doc._.problems'], requires=['doc._.header'])
def make_targets(nlp: Language, name: str) -> TargetFinder:
    return TargetFinder()
