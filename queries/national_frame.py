"""The national frame: the ten actions of the State Council's 《2030年前碳达峰行动方案》 (国发〔2021〕23号)
plus 政策保障 and 其他, each described by the national plan's own words.

The descriptions ship as ``queries/data/national_actions.json`` so the classifier needs neither the
PDF nor a PDF library at run time. The file was made once with::

    python -m policykg.queries.national_frame ../shared/corpus/pdf/guowuyuan_2030_qian_tandafeng_xingdong_fangan.pdf

which reads the PDF's text with pypdfium2 and cuts it at its own headings: each of the ten
``（一）…行动。`` blocks of 三、重点任务 describes one action; 五、政策保障 and 六、组织实施 describe
政策保障; 四、国际合作 describes 其他 (it is neither an action nor a safeguard). Each description keeps
the block's numbered items (title and text) apart, so a reader can see where every word came from.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

ACTIONS: tuple[str, ...] = (
    "能源绿色低碳转型", "节能降碳增效", "工业领域碳达峰", "城乡建设碳达峰", "交通运输绿色低碳",
    "循环经济助力降碳", "绿色低碳科技创新", "碳汇能力巩固提升", "绿色低碳全民行动", "各地区梯次有序碳达峰",
)
POLICY = "政策保障"
OTHER = "其他"
LABELS: tuple[str, ...] = (*ACTIONS, POLICY, OTHER)

# part heading (as printed, after 、) -> the label it describes, for the parts outside 三、重点任务
_PARTS = {"国际合作": OTHER, "政策保障": POLICY, "组织实施": POLICY}
_PART = re.compile(r"^([一二三四五六七八九十]+)、(.+)$")
_ACTION = re.compile(r"^（([一二三四五六七八九十]+)）(.+?)行动。$")
_ITEM = re.compile(r"^(?:（([一二三四五六七八九十]+)）|(\d+)．)(.+?)。(.*)$")


@dataclass(frozen=True)
class Item:
    """One numbered item of the national plan: its heading sentence and the rest of its text."""
    number: str
    title: str
    text: str


@dataclass(frozen=True)
class ActionText:
    """What the national plan says about one label: the heading, the lead-in and the items."""
    label: str
    heading: str
    intro: str
    items: tuple[Item, ...]

    @property
    def text(self) -> str:
        return "".join([self.heading, self.intro, *(i.title + "。" + i.text for i in self.items)])


def paragraphs(raw: str) -> list[str]:
    """The PDF text as paragraphs: a paragraph starts with an indent, wrapped lines are joined, and
    the spaces pdfium puts around Latin digits (``2030 年``) are removed."""
    out: list[str] = []
    for line in raw.replace("\r", "").split("\n"):
        starts = line.startswith((" ", "\u3000"))
        line = re.sub(r"\s+", "", line)
        if not line:
            continue
        if starts or not out:
            out.append(line)
        else:
            out[-1] += line
    return out


def split_frame(raw: str) -> list[ActionText]:
    """Cut the national plan's text into one description per label (see the module docstring)."""
    blocks: dict[str, list[ActionText]] = {}
    part = ""
    current: list[str] | None = None   # [label, heading, intro] being filled
    items: list[Item] = []

    def close() -> None:
        if current is not None:
            blocks.setdefault(current[0], []).append(ActionText(current[0], current[1], current[2], tuple(items)))

    for para in paragraphs(raw):
        if m := _PART.match(para):
            close()
            current, items, part = None, [], m.group(2)
            if part in _PARTS:
                current, items = [_PARTS[part], para, ""], []
            continue
        if part == "重点任务" and (m := _ACTION.match(para)):
            close()
            label = next((x for x in (m.group(2), m.group(2) + "行动") if x in LABELS), None)
            if label is None:
                raise ValueError(f"unexpected action heading in the national plan: {para}")
            current, items = [label, para, ""], []
            continue
        if current is None:
            continue
        if m := _ITEM.match(para):
            items.append(Item(m.group(1) or m.group(2), m.group(3), m.group(4)))
        elif items:
            last = items[-1]
            items[-1] = Item(last.number, last.title, last.text + para)
        else:
            current[2] += para
    close()
    return [_merge(label, blocks[label]) for label in LABELS if label in blocks]


def _merge(label: str, parts: list[ActionText]) -> ActionText:
    if len(parts) == 1:
        return parts[0]
    return ActionText(label, "；".join(p.heading for p in parts), "".join(p.intro for p in parts),
                      tuple(i for p in parts for i in p.items))


@dataclass(frozen=True)
class Frame:
    """The shipped descriptions and where they came from."""
    source: dict[str, str]
    actions: tuple[ActionText, ...]

    def get(self, label: str) -> ActionText:
        return next(a for a in self.actions if a.label == label)


def frame_to_dict(actions: list[ActionText], source: dict[str, str]) -> dict:
    return {"source": source,
            "actions": [{"label": a.label, "heading": a.heading, "intro": a.intro,
                         "items": [{"number": i.number, "title": i.title, "text": i.text} for i in a.items]}
                        for a in actions]}


def frame_from_dict(data: dict) -> Frame:
    return Frame(dict(data["source"]), tuple(
        ActionText(a["label"], a["heading"], a["intro"],
                   tuple(Item(i["number"], i["title"], i["text"]) for i in a["items"]))
        for a in data["actions"]))


@lru_cache(maxsize=1)
def default_frame() -> Frame:
    """The descriptions shipped in ``queries/data/national_actions.json``."""
    text = resources.files("policykg.queries").joinpath("data/national_actions.json").read_text(encoding="utf-8")
    return frame_from_dict(json.loads(text))


def extract_pdf_text(path: Path) -> str:
    """The text of every page of a PDF, in order (pypdfium2, imported here: only the rebuild needs it)."""
    try:
        import pypdfium2
    except ImportError:  # pragma: no cover - depends on the environment
        raise SystemExit("rebuilding the frame needs pypdfium2: pip install 'policykg[pdf]'") from None
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def main(argv: list[str]) -> None:
    """Rebuild ``queries/data/national_actions.json`` from the national plan's PDF."""
    if len(argv) != 1:
        raise SystemExit("usage: python -m policykg.queries.national_frame NATIONAL_PLAN.pdf")
    pdf = Path(argv[0])
    actions = split_frame(extract_pdf_text(pdf))
    missing = [label for label in LABELS if label not in {a.label for a in actions}]
    if missing:
        raise SystemExit(f"{pdf}: no text found for {', '.join(missing)}")
    source = {"title": "2030年前碳达峰行动方案", "issuer": "国务院", "doc_number": "国发〔2021〕23号",
              "file": pdf.name, "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(),
              "extracted_with": "pypdfium2 (queries/national_frame.py)",
              "mapping": "三、重点任务 （一）…（十） → the ten actions; 五、政策保障 + 六、组织实施 → 政策保障; "
                         "四、国际合作 → 其他"}
    out = Path(__file__).with_name("data") / "national_actions.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(frame_to_dict(actions, source), ensure_ascii=False, indent=1) + "\n",
                   encoding="utf-8")
    print(f"{out}: {len(actions)} labels, {sum(len(a.items) for a in actions)} items")


if __name__ == "__main__":
    main(sys.argv[1:])
