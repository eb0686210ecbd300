"""Compare OCR engines on rendered corpus pages whose text layer is known (docs/ocr.md).

``python -m benchmarks.ocr_engines [--pages N]`` renders a few pages of corpus PDFs, runs each
candidate engine on the bitmap, and scores what it read against the page's own text layer:

- **accuracy**: the share of text-layer characters the engine returned in order (the matched
  characters of a longest-common-subsequence style alignment, over the text-layer length), after
  NFKC folding and removing white space, since the parser folds full and half width anyway;
- **CPU seconds per page**: CPU time of this process and its children (Tesseract runs as a
  subprocess), which neighbours on the shared 2-core machine do not inflate; wall time is shown
  too.

Engines are skipped with a note when they are not installed. This is a one-off comparison, not a
stage of ``policykg bench``: it needs Tesseract from Debian, which the project does not install.
"""
from __future__ import annotations

import argparse
import difflib
import resource
import shutil
import subprocess
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .corpus import CORPUS

# (file under corpus/pdf, 0-based page): body text, unit clauses, targets and one ruled table.
PAGES = [
    ("shanghai_tandafeng_shishi_fangan.pdf", 2),
    ("jiangxi_tandafeng_shishi_fangan.pdf", 3),
    ("guowuyuan_2030_qian_tandafeng_xingdong_fangan.pdf", 5),
    ("chengdu_nengyuan_jiegou_tiaozheng_shitiao_zhengce_ji_xingdong_fangan_2021_2025.pdf", 4),
]


@dataclass
class Score:
    engine: str
    pages: int
    accuracy: float
    cpu_per_page: float
    wall_per_page: float


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text) if not c.isspace())


def accuracy(truth: str, got: str) -> float:
    """Share of the text layer's characters found, in order, in the engine's output."""
    truth, got = _fold(truth), _fold(got)
    matcher = difflib.SequenceMatcher(None, truth, got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(truth))


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def rapidocr_engine(dpi: int):
    from rapidocr_onnxruntime import RapidOCR
    import numpy

    engine = RapidOCR()

    def read(image) -> str:
        result, _ = engine(numpy.asarray(image.convert("RGB")))
        return "\n".join(item[1] for item in result or [])
    return f"rapidocr-onnxruntime {dpi} dpi", dpi, read


def tesseract_engine(dpi: int):
    def read(image) -> str:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "page.png"
            image.save(path)
            done = subprocess.run(["tesseract", str(path), "-", "-l", "chi_sim", "--psm", "6"],
                                  capture_output=True, text=True, check=True)
        return done.stdout
    return f"tesseract chi_sim {dpi} dpi", dpi, read


def score(name: str, dpi: int, read, pages: list[tuple[str, int]]) -> Score:
    import pypdfium2 as pdfium

    found, cpu, wall = [], 0.0, 0.0
    for file, index in pages:
        document = pdfium.PdfDocument(CORPUS / "pdf" / file)
        page = document[index]
        textpage = page.get_textpage()
        truth = textpage.get_text_bounded()
        image = page.render(scale=dpi / 72).to_pil()
        textpage.close()
        page.close()
        document.close()
        cpu0, wall0 = _cpu(), time.perf_counter()
        got = read(image)
        cpu += _cpu() - cpu0
        wall += time.perf_counter() - wall0
        found.append(accuracy(truth, got))
    return Score(name, len(pages), sum(found) / len(found), cpu / len(pages), wall / len(pages))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=len(PAGES), help="how many of the pages")
    args = parser.parse_args()
    pages = PAGES[:args.pages]
    engines = []
    try:
        import rapidocr_onnxruntime  # noqa: F401
        engines += [rapidocr_engine(100), rapidocr_engine(150)]
    except ImportError:
        print("rapidocr-onnxruntime not installed: skipped")
    if shutil.which("tesseract"):
        engines += [tesseract_engine(200), tesseract_engine(300)]
    else:
        print("tesseract not installed: skipped")
    print("| engine | pages | accuracy | CPU s/page | wall s/page |")
    print("|---|---|---|---|---|")
    for name, dpi, read in engines:
        s = score(name, dpi, read, pages)
        print(f"| {s.engine} | {s.pages} | {s.accuracy:.4f} | {s.cpu_per_page:.1f} | "
              f"{s.wall_per_page:.1f} |", flush=True)


if __name__ == "__main__":
    main()
