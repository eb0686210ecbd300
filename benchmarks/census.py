"""Census of corpus folders: which genres, levels, unit-clause, heading and table formats occur,
in how many documents, with example file numbers. The figures in docs/census.md come from

    python -m benchmarks.census ../shared/corpus/bulk ../shared/corpus/bulk2 [--texts /tmp/census]

Each PDF is read with the project's reader (the text ``policykg text`` prints, its ruled tables and
its warnings) and its pages are counted with pypdfium2 (characters, image objects). The format
tests are regular expressions over that text, deliberately independent of the parser's rules, so
the census says what the documents contain, not what the parser finds. ``--texts DIR`` also
writes each text to DIR/<folder>/<name>.txt for grepping (keep DIR outside the repository).
"""
from __future__ import annotations

import argparse
import ctypes
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROVINCES = ("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川"
             "|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆")
# Titles that name no place (or name a place the issuer is not): level read by hand from the
# issuer in the document's first lines.
LEVEL_BY_ISSUER = {("bulk", "549"): "provincial", ("bulk2", "156"): "provincial", ("bulk2", "158"): "provincial",
                   ("bulk2", "183"): "provincial", ("bulk2", "244"): "provincial", ("bulk2", "349"): "provincial",
                   ("bulk2", "258"): "provincial", ("bulk2", "198"): "provincial", ("bulk", "262"): "city",
                   ("bulk", "404"): "city", ("bulk", "481"): "city", ("bulk", "378"): "city", ("bulk2", "182"): "city",
                   ("bulk", "124"): "city", ("bulk", "185"): "city", ("bulk", "24"): "national",
                   ("bulk", "168"): "national", ("bulk2", "170"): "national", ("bulk2", "43"): "national"}
# Genre words, most specific first; a title's genre is the one that ends last in it.
GENRES = [("规划", r"规划"), ("实施方案", r"实施方案"), ("行动方案", r"行动方案"), ("工作方案", r"工作方案"),
          ("方案 (other)", r"方案"), ("行动计划", r"行动计划"), ("计划", r"计划"), ("实施意见", r"实施意见"),
          ("指导意见", r"指导意见"), ("意见", r"意见"), ("措施 / 举措", r"措施|举措|措施清单"), ("办法", r"办法"),
          ("细则 / 规程", r"细则|规程"), ("条例", r"条例"), ("指南", r"指南"), ("通知", r"通知"), ("公告", r"公告|公示")]
COLON = r"[：:∶︰]"
LABELS = ("责任单位", "牵头单位", "配合单位", "参与单位", "参加单位", "协办单位", "责任部门", "牵头部门", "配合部门",
          "责任主体", "实施主体", "责任处室")
ANY_LABEL = "|".join(LABELS)
_ORG_END = r"(?:局|委|厅|部|办|府|会|院|中心|公司|行|处|室|署|队|团|联|馆)(?:〈[^〉]*〉)?(?:等)?"
_ORG = rf"[^（）()\n、，]{{2,22}}{_ORG_END}"
BARE_LIST = re.compile(rf"(?:。|^)[（(](?:{_ORG}[、，,])+{_ORG}(?:按职责分工负责|按职责负责|按职能分工负责|分工负责|负责)?[）)]", re.M)
SINGLE_UNIT = re.compile(rf"。[（(]{_ORG}[）)]\s*$", re.M)
NUMBERED = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[\.．、]|[①-⑳]|第[一二三四五六七八九十]+)")
LABELLED_CLAUSE_LINE_END = re.compile(rf"[（(〔［【]({ANY_LABEL}){COLON}[^）)〕］】]+[）)〕］】]$")
HEADINGS = {"一、": r"^[一二三四五六七八九十]+、", "（一）": r"^[（(][一二三四五六七八九十]+[）)]",
            "1.": r"^\d{1,2}\.(?!\d)", "1．": r"^\d{1,2}．", "1、": r"^\d{1,2}、", "（1）": r"^[（(]\d{1,2}[）)]",
            "①": r"^[①-⑳]", "第X章": r"^第[一二三四五六七八九十]+章", "第X节": r"^第[一二三四五六七八九十]+节",
            "第X条 (≥5 articles)": r"^第[一二三四五六七八九十百]+条"}


@dataclass
class Doc:
    folder: str
    number: str
    name: str
    text: str
    table_heads: str = ""
    warnings: list[str] = field(default_factory=list)
    pages: list[tuple[int, int, int]] = field(default_factory=list)
    """Per page: characters of the text layer, image objects, images covering over 15% of it."""

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines()]

    @property
    def title(self) -> str:
        return re.sub(r"^\d+、", "", self.name).strip()


def read(pdf: Path) -> Doc:
    from policykg.extractor.readers import read_document

    document = read_document(pdf)
    heads = " ".join(" ".join(cell or "" for cell in row) for table in document.tables for row in table.rows[:2])
    return Doc(pdf.parent.name, pdf.stem.split("、", 1)[0], pdf.stem, document.text, heads,
               [w.code for w in document.warnings], _pages(pdf))


def _pages(pdf: Path) -> list[tuple[int, int, int]]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    document = pdfium.PdfDocument(str(pdf))
    pages = []
    try:
        for page in document:
            width, height = page.get_size()
            images = big = 0
            for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=3):
                images += 1
                left, bottom, right, top = (ctypes.c_float() for _ in range(4))
                raw.FPDFPageObj_GetBounds(obj.raw, left, bottom, right, top)
                big += (right.value - left.value) * (top.value - bottom.value) > 0.15 * width * height
            pages.append((page.get_textpage().count_chars(), images, big))
    finally:
        document.close()
    return pages


def genre(doc: Doc) -> str:
    """The genre word that ends last in the title (关于印发《X方案》的通知 is the 方案 it wraps)."""
    title = doc.title
    inner = re.search(r"《([^》]+)》", title)
    if inner and re.search(r"印发|转发", title):
        title = inner.group(1)
    best = None
    for name, pattern in GENRES:
        for m in re.finditer(pattern, title):
            if best is None or m.end() > best[1]:
                best = (name, m.end())
    return best[0] if best else "other"


def level(doc: Doc) -> str:
    if (doc.folder, doc.number) in LEVEL_BY_ISSUER:
        return LEVEL_BY_ISSUER[(doc.folder, doc.number)]
    title = doc.title
    if (re.search(r"(北京|天津|上海|重庆)市", title) or re.match(rf"(中共)?({PROVINCES})", title)
            or re.search(rf"({PROVINCES})(省|自治区|壮族|回族|维吾尔)", title)):
        return "provincial"
    if re.search(r"[\u4e00-\u9fff]{2,3}(?<!城)市(?!场)", title):
        return "city"
    if re.search(r"[\u4e00-\u9fff]{2}(区|县)(?!域|城)", title) and not re.search(r"(先行|示范|试验|园|高新|开发)区", title):
        return "district"
    return "national"


def _count(pattern: str, doc: Doc) -> int:
    return sum(1 for line in doc.lines if re.match(pattern, line))


def _has(pattern: str) -> Callable[[Doc], bool]:
    return lambda doc: re.search(pattern, doc.text) is not None


def has_unit_clauses(doc: Doc) -> bool:
    return bool(re.search(rf"({ANY_LABEL})\s*{COLON}", doc.text) or len(BARE_LIST.findall(doc.text)) >= 2
                or len(SINGLE_UNIT.findall(doc.text)) >= 2 or re.search(r"[（(][^（）()\n]{2,120}?牵头", doc.text))


def _paragraph_measures(doc: Doc) -> bool:
    """At least three unnumbered paragraphs that end in a unit clause (a paragraph is a measure)."""
    closing = [line for line in doc.lines
               if LABELLED_CLAUSE_LINE_END.search(line) or re.search(rf"。[（(]{_ORG}(、{_ORG})*[）)]$", line)]
    return sum(not NUMBERED.match(line) for line in closing) >= 3


def _no_text_pages(doc: Doc) -> list[int]:
    return [i + 1 for i, (chars, _, _) in enumerate(doc.pages) if chars < 10]


FEATURES: list[tuple[str, Callable[[Doc], bool]]] = [
    *((f"label `{label}：`", _has(rf"{label}\s*{COLON}")) for label in LABELS),
    ("labelled clause in `（…）`", _has(rf"[（(]\s*({ANY_LABEL})\s*{COLON}")),
    ("labelled clause in `〔…〕`", _has(rf"〔\s*({ANY_LABEL})\s*{COLON}")),
    ("labelled clause in `［…］` / `[…]`", _has(rf"[［\[]\s*({ANY_LABEL})\s*{COLON}")),
    ("labelled clause in `【…】`", _has(rf"【\s*({ANY_LABEL})\s*{COLON}")),
    ("labelled clause on a line of its own, no bracket", _has(rf"(?m)^\s*({ANY_LABEL})\s*{COLON}")),
    ("colon look-alike `∶` / `︰` after a label", _has(rf"({ANY_LABEL})\s*[∶︰]")),
    ("label broken by a line break (`（责` / `任单位：`)", _has(r"（责\s*\n\s*任单位|责任\s*\n\s*单位[：:]|牵头\s*\n\s*单位[：:]")),
    ("`牵头单位：X；配合单位：Y` (semicolon)",
     _has(rf"牵头(单位|部门){COLON}[^）)\n]{{1,200}}；\s*(配合|参与|参加|责任|协办)(单位|部门){COLON}")),
    ("`牵头单位：X，配合单位：Y` (comma)",
     _has(rf"牵头(单位|部门){COLON}[^）)\n；]{{1,200}}，\s*(配合|参与|参加|责任|协办)(单位|部门){COLON}")),
    ("`（X牵头，Y配合/参与/负责）`", _has(r"[（(][^（）()\n]{2,120}?牵头[，,；;、]?[^（）()\n]{0,200}?(配合|参与|参加|负责|落实)[）)]")),
    ("`（X牵头）` alone", _has(r"[（(][^（）()\n，]{2,60}?牵头[）)]")),
    ("`X、Y牵头，Z等按职责分工负责`", _has(r"牵头[，,][^（）()\n]{2,200}?按(照)?职责分工负责")),
    ("bare list `（A、B、C）` closing a sentence (≥2)", lambda d: len(BARE_LIST.findall(d.text)) >= 2),
    ("bare single unit `（A）` closing a paragraph (≥2)", lambda d: len(SINGLE_UNIT.findall(d.text)) >= 2),
    ("list ending `按职责分工负责` / `按职能分工负责`", _has(r"[（(][^（）()\n]{2,200}?按(照)?(职责|职能)分工负责[^（）()\n]{0,10}[）)]")),
    ("`由X牵头/会同Y` inside sentences (≥3)",
     lambda d: len(re.findall(r"由[^，。；\n（）]{2,40}?(牵头|会同|负责)", d.text)) >= 3),
    ("lead rule `逗号前/分号前为牵头`", _has(r"(逗号|分号|顿号)前[的]?(单位|部门)?为牵头")),
    ("lead rule `列首位/排在第一…为牵头`", _has(r"(列首位|首位|排在第一|排名第一|排第一|列第一|第一个|第一位)[^，。）)]{0,6}为牵头")),
    ("`下同` after a unit clause", lambda d: re.search(r"下同[）)]", d.text) is not None and has_unit_clauses(d)),
    ("note inside the clause (`不再列出`, `以下…均需`)", _has(r"不再列出|以下(各项)?(工作|任务)?均需")),
    ("deadline words `完成时限/完成期限/完成时间`", _has(r"完成(时限|期限|时间)")),
    ("collective unit holding `、` (`各市、县人民政府` kind)",
     _has(r"各(市|州)、县(（市、区）|\(市、区\)|（区）|\(区\)|、区|、自治县)?(人民政府|政府)|各市、县、(区|自治县)")),
    ("two-level compound (`市、区财政局` kind)", _has(r"[（、，(](省、市|市、县|市、区|省、市、县|市、县（区）)[\u4e00-\u9fff]{1,8}(局|委|厅)")),
    ("no unit clause at all", lambda d: not has_unit_clauses(d)),
    ("several labelled clauses in one paragraph (a unit and deadline per sentence)",
     lambda d: any(len(re.findall(rf"({ANY_LABEL}){COLON}", line)) >= 2 and len(re.findall(r"[（(]", line)) >= 2
                   and len(re.findall(rf"[（(]\s*({ANY_LABEL}){COLON}", line)) >= 2 for line in d.lines)),
    ("unit clause closes unnumbered paragraphs (≥3)", _paragraph_measures),
    *((f"heading `{name}`", (lambda p, n: lambda d: _count(p, d) >= n)(pattern, 5 if "条" in name else 2))
      for name, pattern in HEADINGS.items()),
    ("heading number alone on its line", lambda d: any(re.fullmatch(r"([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[\.．])", line)
                                                       for line in d.lines)),
    ("table of contents (`目录`)", lambda d: re.search(r"(?m)^\s*目\s*录\s*$", d.text[:3000]) is not None),
    ("timeline part (`工作步骤`, `实施步骤`, `进度安排`, `…阶段`)",
     _has(r"(?m)^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])?\s*(工作步骤|实施步骤|进度安排|实施进度|时间安排|推进步骤|实施阶段)"
          r"|^([（(][一二三四五六七八九十]+[）)]|\d+[\.．])?\s*[\u4e00-\u9fff]{2,6}阶段[（(]")),
    ("`附件` with its own `一、` numbering", lambda d: re.search(r"(?m)^附件", d.text) is not None
                                                  and len(re.findall(r"(?m)^一、", d.text)) >= 2),
    ("`专栏` boxes", _has(r"(?m)^\s*专栏\s*\d*")),
    ("ruled table read by the reader", lambda d: bool(d.table_heads)),
    ("indicator table (指标 + 单位/属性/year columns, or 约束性/预期性)",
     lambda d: bool(re.search(r"指标", d.table_heads) and re.search(r"属性|单位|20\d\d", d.table_heads)
                    or re.search(r"约束性|预期性", d.text))),
    ("task table (任务 + 牵头/责任/时限 columns)",
     lambda d: bool(re.search(r"任务|工作内容|重点工作|措施", d.table_heads) and re.search(r"牵头|责任|时限", d.table_heads))),
    ("every page without text (wholly images)", lambda d: bool(d.pages) and len(_no_text_pages(d)) == len(d.pages)),
    ("a page that is a picture without text (its content is lost)",
     lambda d: any(chars < 10 and big for chars, _, big in d.pages)),
    ("a blank or seal-only page without text", lambda d: any(chars < 10 and not big for chars, _, big in d.pages)),
    ("scan with a text layer (a page-sized picture under the text of most pages)",
     lambda d: bool(d.pages) and sum(big and chars >= 10 for chars, _, big in d.pages) > 0.8 * len(d.pages)),
    ("figure or table drawn as a picture (over 15% of a text page, on some pages)",
     lambda d: 0 < sum(big and chars >= 10 for chars, _, big in d.pages) <= 0.8 * len(d.pages)),
    ("reader warning `pdf-unmapped-glyphs`", lambda d: "pdf-unmapped-glyphs" in d.warnings),
]


def _examples(docs: list[Doc], k: int = 8) -> str:
    return ", ".join(("b2:" if d.folder == "bulk2" else "") + d.number for d in docs[:k])


def _split(docs: list[Doc], folders: list[str]) -> str:
    return " | ".join(str(sum(d.folder == f for d in docs)) for f in folders)


def report(docs: list[Doc]) -> str:
    folders = sorted({d.folder for d in docs}, key=lambda f: (len(f), f))
    head = "| " + " | ".join(folders) + " |"
    rule = "|---" * (len(folders) + 2) + "|"  # name, one column per folder, examples
    out = []
    for title, key in (("Genre", genre), ("Level", level)):
        groups: dict[str, list[Doc]] = {}
        for d in docs:
            groups.setdefault(key(d), []).append(d)
        out += [f"\n| {title.lower()} {head} examples |", rule]
        for name, members in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            with_units = [d for d in members if has_unit_clauses(d)]
            out.append(f"| {name} | {_split(members, folders)} | {_examples(members)} "
                       f"(with unit clauses: {_split(with_units, folders).replace(' | ', ' + ')}) |")
    out += [f"\n| format {head} examples |", rule]
    for name, test in FEATURES:
        members = [d for d in docs if test(d)]
        out.append(f"| {name} | {_split(members, folders)} | {_examples(members)} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--texts", type=Path, help="also write each document's text under this folder")
    args = parser.parse_args(argv)
    docs = []
    for folder in args.folders:
        pdfs = [p for p in folder.iterdir() if p.suffix.lower() == ".pdf"]
        for pdf in sorted(pdfs, key=lambda p: (len(p.name.split("、")[0]), p.name)):
            doc = read(pdf)
            docs.append(doc)
            if args.texts:
                target = args.texts / folder.name / (pdf.stem + ".txt")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(doc.text, encoding="utf-8")
    print(f"{len(docs)} documents: " + ", ".join(f"{f.name} {sum(d.folder == f.name for d in docs)}" for f in args.folders))
    print(report(docs))


if __name__ == "__main__":
    main()
