"""``policykg bench``: run the benchmark suite in ``benchmarks/`` and print its figures.

The suite reads the corpus beside a source checkout (``../shared/corpus``) and is not part of the
installed package, so this command finds ``benchmarks/`` next to the ``policykg`` package.
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from ..errors import CannotRun

CHECKOUT = Path(__file__).resolve().parents[2]


def _suite():
    """The ``benchmarks.run`` module of this checkout; a one-line error when there is none."""
    if not (CHECKOUT / "benchmarks" / "run.py").is_file():
        raise CannotRun(f"no benchmarks/ beside {CHECKOUT / 'policykg'}: "
                                   "policykg bench runs from a source checkout")
    if str(CHECKOUT) not in sys.path:
        sys.path.insert(0, str(CHECKOUT))
    return importlib.import_module("benchmarks.run")


@click.command("bench")
@click.option("--quick", is_flag=True, help="Fewer runs and smaller inputs (about a minute).")
@click.option("--only", "only", multiple=True, metavar="STAGE",
              help="Run only this stage (repeatable): one of benchmarks/run.py's STAGES, which an "
                   "unknown name lists.")
@click.option("--runs", type=click.IntRange(1, 100), default=None,
              help="Timed runs per figure (default 5, or 3 with --quick); the median is reported.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def bench_cmd(quick: bool, only: tuple[str, ...], runs: int | None, fmt: str) -> None:
    """Time each stage against a baseline on the same input and print the ratios.

    Exits 1 if a stage broke; stages that cannot run here are reported as skipped.
    """
    suite = _suite()
    unknown = [name for name in only if name not in suite.STAGES]
    if unknown:
        raise click.BadParameter(f"unknown stage {', '.join(unknown)} (choose from "
                                 f"{', '.join(suite.STAGES)})", param_hint="--only")
    report = suite.run_suite(list(only) or None, quick=quick, runs=runs,
                             progress=lambda stage: click.echo(f"running {stage} ...", err=True))
    click.echo(suite.render_json(report) if fmt == "json" else suite.render_table(report))
    if not report.ok:
        sys.exit(1)
