"""Does a plan read from its PDF parse like the same plan read from its text version?

For every ``pdf/X.pdf`` of the corpus with a twin ``txt/X.txt``, both are parsed and compared:
measures by (path, title), units by (measure path, name, role), targets by (measure path,
value, unit, year, comparator). The text versions were made from the same PDFs (see the corpus
README), so a disagreement is the PDF reader's doing or the parser's sensitivity to layout.

    python -m benchmarks.pdf_agreement [--details]

prints F1 per file and kind, and overall (counts pooled over files). Exit status 1 when the
overall F1 of measures or units is below the issue's floor of 0.98.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .corpus import CORPUS

FLOOR = 0.98
KINDS = ("measures", "units", "targets")


@dataclass
class Tally:
    """Items found in both parses, and in each; F1 treats the text parse as the reference."""
    both: int = 0
    pdf: int = 0
    txt: int = 0

    def add(self, other: "Tally") -> None:
        self.both += other.both
        self.pdf += other.pdf
        self.txt += other.txt

    @property
    def f1(self) -> float:
        total = self.pdf + self.txt
        return 1.0 if total == 0 else 2 * self.both / total


def keys(plan) -> dict[str, Counter]:
    """What is compared, per kind, as multisets of hashable keys."""
    squash = lambda s: re.sub(r"\s+", "", s or "")  # noqa: E731
    path_of = {m.id: m.path for m in plan.measures}
    return {
        "measures": Counter((m.path, squash(m.title)) for m in plan.measures),
        "units": Counter((m.path, u.name, u.role) for m in plan.measures for u in m.units),
        "targets": Counter((path_of.get(t.measure), t.value, t.unit, t.year, t.comparator)
                           for t in plan.targets),
    }


def compare(pdf_plan, txt_plan) -> tuple[dict[str, Tally], dict[str, tuple[Counter, Counter]]]:
    """Tallies per kind, and the keys only the PDF parse / only the text parse found."""
    pdf_keys, txt_keys = keys(pdf_plan), keys(txt_plan)
    tallies, differences = {}, {}
    for kind in KINDS:
        a, b = pdf_keys[kind], txt_keys[kind]
        tallies[kind] = Tally(both=sum((a & b).values()), pdf=sum(a.values()), txt=sum(b.values()))
        differences[kind] = (a - b, b - a)
    return tallies, differences


def twins(corpus: Path = CORPUS) -> list[tuple[Path, Path]]:
    return [(pdf, corpus / "txt" / f"{pdf.stem}.txt") for pdf in sorted((corpus / "pdf").glob("*.pdf"))
            if (corpus / "txt" / f"{pdf.stem}.txt").is_file()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list the items that differ")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)

    from policykg.extractor import parse_file

    overall = {kind: Tally() for kind in KINDS}
    print(f"{'file':58} " + " ".join(f"{kind:>14}" for kind in KINDS))
    for pdf, txt in twins(args.corpus):
        tallies, differences = compare(parse_file(pdf), parse_file(txt))
        cells = []
        for kind in KINDS:
            overall[kind].add(tallies[kind])
            t = tallies[kind]
            cells.append(f"{t.f1:5.3f} ({t.both:3}/{t.txt:3})")
        print(f"{pdf.stem[:58]:58} " + " ".join(f"{c:>14}" for c in cells))
        if args.details:
            for kind in KINDS:
                only_pdf, only_txt = differences[kind]
                for key in only_pdf:
                    print(f"    {kind} only in PDF: {key}")
                for key in only_txt:
                    print(f"    {kind} only in text: {key}")
    print(f"{'overall':58} " + " ".join(
        f"{overall[k].f1:5.3f} ({overall[k].both:3}/{overall[k].txt:3})".rjust(14) for k in KINDS))
    failing = [kind for kind in ("measures", "units") if overall[kind].f1 < FLOOR]
    if failing:
        print(f"below the floor of {FLOOR}: {', '.join(failing)}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
