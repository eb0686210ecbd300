"""``policykg check``: how far to trust each parse, without gold."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

from ..errors import CannotRun
from ..output import Column, render
from .options import ocr_option

COLUMNS = [Column("File", "file"), Column("Kind", "kind"), Column("Measures", "counts.measures"),
           Column("With units", "counts.measures_with_units"), Column("Unattached clauses", "counts.clauses_unattached"),
           Column("Grade", "grade"), Column("Reasons", "reasons")]


@click.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--workers", type=int, default=None, help="Parallel workers for folders (default: all cores).")
@ocr_option
def check_cmd(paths: tuple[Path, ...], fmt: str, workers: int | None, ocr: str) -> None:
    """Grade each plan's parse A–D, with the reasons, per file and in sum.

    A: nothing suspicious. B: minor signs (an unattached clause, a measure without units, numbers
    out of order, a guessed title). C: a part is probably misread (many clauses unattached, a
    procedural item among the measures, a notice or call rather than a plan, missing page text).
    D: the measures were not found (none at all, or most unit clauses outside them). The same
    signals are in each plan's ``warnings``. Exit 1 if a file did not parse, 2 if a path is missing.
    """
    from policykg.extractor.batch import collect, parse_many, summary
    from policykg.extractor.health import GRADES, assess

    missing = [p for p in paths if not p.exists()]
    if missing:
        raise CannotRun(f"{missing[0]}: no such file or folder")
    if not collect(paths):
        raise CannotRun(f"no plan files (.txt .pdf .html .htm .docx) found in {', '.join(map(str, paths))}")
    outcomes = list(parse_many(list(paths), workers=workers, ocr=ocr))
    rows = []
    for o in outcomes:
        if o.ok:
            rows.append({"file": str(o.path), **assess(o.plan).to_dict()})
    grades = Counter(r["grade"] for r in rows)
    total = {"files": len(outcomes), "failed": len(outcomes) - len(rows),
             "grades": {g: grades.get(g, 0) for g in GRADES},
             "kinds": dict(sorted(Counter(r["kind"] or "other" for r in rows).items()))}
    if fmt == "json":
        click.echo(json.dumps({"files": rows, "sum": total}, ensure_ascii=False, indent=2))
    else:
        render(rows, "table", COLUMNS)
        click.echo(f"{len(rows)} checked: " + ", ".join(f"{g} {n}" for g, n in total["grades"].items())
                   + " (kinds: " + ", ".join(f"{k} {n}" for k, n in total["kinds"].items()) + ")")
    for line in summary(outcomes)[:-1]:
        click.echo(line, err=True)
    if total["failed"]:
        sys.exit(1)
