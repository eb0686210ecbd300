"""``policykg evaluate``: P/R/F1 against gold files, with floors for CI."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import CannotRun

_DEFAULT_SEARCH = [Path("corpus"), *(Path("../shared/corpus", name) for name in ("txt", "pdf", "bulk", "bulk2"))]


@click.command("evaluate")
@click.argument("gold", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--corpus", "search", multiple=True, type=click.Path(path_type=Path),
              help="Folder to find the gold files' sources in (repeatable; defaults: the gold file's folder, "
                   "corpus/, ../shared/corpus/{txt,pdf,bulk,bulk2}).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--min-measures", type=float, default=0.0, help="Fail (exit 1) if overall measure F1 is below this.")
@click.option("--min-units", type=float, default=0.0)
@click.option("--min-leads", type=float, default=0.0)
@click.option("--min-targets", type=float, default=0.0)
@click.option("--misses", is_flag=True, help="List what was missed or extra, per file.")
def evaluate_cmd(gold, search, fmt, min_measures, min_units, min_leads, min_targets, misses) -> None:
    """Score the parser against gold files (policykg/gold@1) or folders of them."""
    from policykg.extractor import parse_file
    from policykg.extractor.evaluate import KINDS, evaluate

    paths = []
    for g in gold:
        paths += sorted(g.glob("*.gold.json")) if g.is_dir() else [g]
    if not paths:
        raise CannotRun("no gold files found in " + ", ".join(map(str, gold)))
    results, overall = evaluate(paths, list(search) or _DEFAULT_SEARCH, parse_file)
    if fmt == "json":
        click.echo(json.dumps({"files": [{"gold": r.gold, **{k: r.scores[k].as_dict() for k in KINDS}} for r in results],
                               "overall": {k: overall[k].as_dict() for k in KINDS}}, ensure_ascii=False, indent=2))
    else:
        _table(results, overall, KINDS)
    if misses:
        for r in results:
            for line in r.misses:
                click.echo(f"{r.gold}: {line}", err=True)
    floors = {"measures": min_measures, "units": min_units, "leads": min_leads, "targets": min_targets}
    below = [f"{k} F1 {overall[k].f1:.3f} < {v}" for k, v in floors.items() if overall[k].f1 < v]
    if below:
        click.echo("below floor: " + "; ".join(below), err=True)
        sys.exit(1)


def _table(results, overall, kinds) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="policykg evaluate (P / R / F1)")
    table.add_column("gold file")
    for k in kinds:
        table.add_column(k, justify="right")
    fmt = lambda s: f"{s.precision:.2f} / {s.recall:.2f} / {s.f1:.3f}"  # noqa: E731
    for r in results:
        table.add_row(r.gold.replace(".gold.json", ""), *(fmt(r.scores[k]) for k in kinds))
    table.add_row("[b]overall[/b]", *(f"[b]{fmt(overall[k])}[/b]" for k in kinds))
    Console(width=200).print(table)
