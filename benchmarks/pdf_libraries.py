"""Compare PDF text libraries on the corpus: fidelity to the text twins, broken characters, speed.

    python -m benchmarks.pdf_libraries [--bulk]

Each library extracts every page with its default text call (no layout tuning):
pypdfium2 ``get_text_range``, pdfplumber ``extract_text``, pypdf ``extract_text``.

- fidelity: character similarity (difflib ratio) to the text twin after all white space is
  removed, and again after page-number lines are removed, since the twins have none;
- broken: U+FFFD/U+FFFE, private-use and unassigned code points, Kangxi radicals and ``(cid:N)``
  placeholders in the output (the corpus-wide count with ``--bulk``);
- speed: pages per CPU second (process time, so other load on the machine does not skew it),
  after one warm-up file.

The figures are written up in docs/pdf-libraries.md. pypdf is not a dependency of policykg;
install it (``pip install pypdf``) to include it.
"""
from __future__ import annotations

import argparse
import difflib
import re
import time
import unicodedata
from pathlib import Path

from .corpus import CORPUS

_PAGE_NUMBER = re.compile(r"^\s*[-—–－]\s*[0-9０-９]+\s*[-—–－]\s*$", re.M)
_CID = re.compile(r"\(cid:\d+\)")


def _pdfium(path: Path) -> list[str]:
    import pypdfium2 as pdfium
    document = pdfium.PdfDocument(path)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def _pdfplumber(path: Path) -> list[str]:
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _pypdf(path: Path) -> list[str]:
    import pypdf
    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


LIBRARIES = {"pypdfium2": _pdfium, "pdfplumber": _pdfplumber, "pypdf": _pypdf}


def broken(text: str) -> int:
    bad = sum(1 for ch in text if ch in "\ufffd\ufffe" or unicodedata.category(ch) in ("Co", "Cn")
              or 0x2F00 <= ord(ch) <= 0x2FDF)
    return bad + len(_CID.findall(text))


def similarity(a: str, b: str) -> float:
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    return difflib.SequenceMatcher(None, squash(a), squash(b), autojunk=False).ratio()


def run(name: str, paths: list[Path]) -> dict:
    extract = LIBRARIES[name]
    extract(paths[0])  # warm-up: imports and first-use costs are not per-page speed
    pages = seconds = bad = 0
    fidelity, fidelity_np = [], []
    for path in paths:
        start = time.process_time()
        texts = extract(path)
        seconds += time.process_time() - start
        pages += len(texts)
        text = "\n".join(texts)
        bad += broken(text)
        twin = CORPUS / "txt" / f"{path.stem}.txt"
        if twin.is_file():
            reference = twin.read_text(encoding="utf-8")
            fidelity.append(similarity(reference, text))
            fidelity_np.append(similarity(reference, _PAGE_NUMBER.sub("", text)))
    return {"pages": pages, "seconds": seconds, "broken": bad,
            "fidelity": sum(fidelity) / len(fidelity) if fidelity else None,
            "fidelity_np": sum(fidelity_np) / len(fidelity_np) if fidelity_np else None,
            "worst": min(fidelity_np) if fidelity_np else None}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bulk", action="store_true", help="also time the 108 bulk PDFs")
    args = parser.parse_args(argv)
    sets = {"pdf/": sorted((CORPUS / "pdf").glob("*.pdf"))}
    if args.bulk:
        sets["bulk/"] = sorted((CORPUS / "bulk").glob("*.pdf"))
    print("| library | set | pages | pages/s | mean similarity | without page numbers | worst file | broken chars |")
    print("|---|---|---|---|---|---|---|---|")
    for name in LIBRARIES:
        for label, paths in sets.items():
            try:
                r = run(name, paths)
            except ImportError:
                print(f"| {name} | {label} | not installed | | | | | |")
                break
            fmt = lambda v: "–" if v is None else f"{v:.4f}"  # noqa: E731
            print(f"| {name} | {label} | {r['pages']} | {r['pages'] / r['seconds']:.0f} | "
                  f"{fmt(r['fidelity'])} | {fmt(r['fidelity_np'])} | {fmt(r['worst'])} | {r['broken']} |")


if __name__ == "__main__":
    main()
