"""``policykg compare``: plans side by side (targets, national-action coverage, departments, citations)."""
from __future__ import annotations

from pathlib import Path

import click

from policykg.queries.compare_formats import FORMATS

from ..errors import CannotRun


@click.command("compare")
@click.argument("plans", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write here instead of standard output.")
@click.option("--store", "store_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Store to look plan ids up in (default: $POLICYKG_STORE or ~/.local/share/policykg/store).")
def compare_cmd(plans: tuple[str, ...], fmt: str, output: Path | None, store_dir: Path | None) -> None:
    """Compare PLANS (two or more plan files, or plan ids in the store) side by side.

    Targets per canonical indicator and year in one unit, which plan is more ambitious where the
    direction allows; a plan x national-action coverage matrix; departments by measures led and
    supported; the policies the plans both cite.
    """
    from policykg.extractor.errors import PlanInputError
    from policykg.queries.compare import compare
    from policykg.queries.compare_formats import render
    from policykg.queries.plan_refs import load_plans

    if len(plans) < 2:
        raise click.UsageError("give at least two plans to compare")
    if FORMATS[fmt].binary and output is None:
        raise click.UsageError(f"--format {fmt} writes a binary file; give -o FILE")
    try:
        comparison = compare(load_plans(plans, store_dir))
    except PlanInputError as exc:
        raise CannotRun(str(exc)) from None
    text = render(comparison, fmt)
    if output:
        if isinstance(text, bytes):
            output.write_bytes(text)
        else:
            output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
