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
@click.option("--with-parents", is_flag=True,
              help="Compare one stored plan with the plans it implements (md or json).")
def compare_cmd(plans: tuple[str, ...], fmt: str, output: Path | None, store_dir: Path | None,
                with_parents: bool) -> None:
    """Compare PLANS (two or more plan files, or plan ids in the store) side by side.

    Targets per canonical indicator and year in one unit, which plan is more ambitious where the
    direction allows; a plan x national-action coverage matrix; departments by measures led and
    supported; the policies the plans both cite.

    With --with-parents, PLANS is one plan id of the store, compared with every plan above it
    (`policykg lineage`): shared targets with whether this plan's is at least as strict (rates,
    shares and intensities only), and the parent measures it carries out, lacks and adds.
    """
    from policykg.extractor.errors import PlanInputError
    from policykg.queries.compare import compare
    from policykg.queries.compare_formats import render
    from policykg.queries.plan_refs import load_plans

    if with_parents:
        _write(_chain_text(plans, fmt, store_dir), output)
        return
    if len(plans) < 2:
        raise click.UsageError("give at least two plans to compare")
    if FORMATS[fmt].binary and output is None:
        raise click.UsageError(f"--format {fmt} writes a binary file; give -o FILE")
    try:
        comparison = compare(load_plans(plans, store_dir))
    except PlanInputError as exc:
        raise CannotRun(str(exc)) from None
    _write(render(comparison, fmt), output)


def _write(text: str | bytes, output: Path | None) -> None:
    if output:
        if isinstance(text, bytes):
            output.write_bytes(text)
        else:
            output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def _chain_text(plans: tuple[str, ...], fmt: str, store_dir: Path | None) -> str:
    """One stored plan against the plans above it, as Markdown or JSON."""
    import json

    from policykg.graph.store import Store, StoreError, default_store_dir
    from policykg.queries.chain import chain_in_store
    from policykg.queries.compare_formats.chain_markdown import render as chain_markdown
    from policykg.queries.lineage import UnknownPlan

    if len(plans) != 1:
        raise click.UsageError("--with-parents takes one plan id of the store")
    if fmt not in ("md", "json"):
        raise click.UsageError("--with-parents writes md or json")
    directory = store_dir or default_store_dir()
    try:
        with Store.open(directory) as store:
            chain = chain_in_store(plans[0], store)
    except StoreError as exc:
        raise CannotRun(str(exc)) from None
    except UnknownPlan:
        raise CannotRun(f"no plan {plans[0]} in the store {directory}") from None
    if fmt == "json":
        return json.dumps(chain.to_dict(), ensure_ascii=False, indent=2) + "\n"
    return chain_markdown(chain)
