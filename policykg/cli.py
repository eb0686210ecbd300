"""The ``policykg`` command: a thin click group whose subcommands load on first use.

Each subcommand lives in ``policykg/commands/<area>.py``. Only the module of the command being run
is imported, so ``policykg --help`` and the graph queries never pay for spaCy, rdflib or neo4j.
"""
from __future__ import annotations

import importlib
import sys

import click

# name -> (module, attribute, one-line help shown by ``policykg --help`` without importing it)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "parse": ("policykg.commands.parse", "parse_cmd", "Parse plans into JSON or a Markdown outline."),
    "text": ("policykg.commands.parse", "text_cmd", "Print the decoded text of a file: what every span points into."),
    "evaluate": ("policykg.commands.evaluate", "evaluate_cmd", "Score the parser against gold files."),
    "check": ("policykg.commands.check", "check_cmd", "Grade each parse A–D without gold, with the reasons."),
    "build": ("policykg.commands.graph", "build_cmd", "Parse plans and merge them into a store."),
    "who-owns": ("policykg.commands.graph", "who_owns_cmd", "Measures matching TEXT with their lead and supporting units."),
    "portfolio": ("policykg.commands.graph", "portfolio_cmd", "What a department leads and supports."),
    "targets": ("policykg.commands.graph", "targets_cmd", "Quantitative targets with their owners."),
    "departments": ("policykg.commands.graph", "departments_cmd", "Departments ranked by measures led and supported."),
    "export": ("policykg.commands.graph", "export_cmd", "Export the store as RDF, GraphML or Neo4j import files."),
    "validate": ("policykg.commands.graph", "validate_cmd", "Check an RDF export against the SHACL shapes."),
    "sparql": ("policykg.commands.graph", "sparql_cmd", "Run a SPARQL query over the store."),
    "neo4j": ("policykg.commands.neo4j", "neo4j_group", "Load the store into Neo4j and query it in Cypher."),
    "compare": ("policykg.commands.compare", "compare_cmd", "Compare plans side by side."),
    "plans": ("policykg.commands.serve", "plans_cmd", "The store's plans with region, 文号, date and counts."),
    "serve": ("policykg.commands.serve", "serve_cmd", "Browse, compare and review plans in a web browser."),
    "lineage": ("policykg.commands.lineage", "lineage_cmd", "The plans a plan implements, and the plans implementing it."),
    "deadlines": ("policykg.commands.lineage", "deadlines_cmd", "Measures with a deadline, by the date they fall due."),
    "coverage": ("policykg.commands.lineage", "coverage_cmd", "National actions carried by the plans of the store, by level."),
    "bench": ("policykg.commands.bench", "bench_cmd", "Run the benchmark suite."),
}


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that subcommand runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (module, _, _) in COMMANDS.items() if _module_exists(module)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not _module_exists(COMMANDS[name][0]):
            return None
        module, attr, _ = COMMANDS[name]
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _module_exists(module: str) -> bool:
    from importlib.util import find_spec
    return find_spec(module) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="policykg")
def cli() -> None:
    """Turn Chinese government policy plans into a knowledge graph you can query and compare."""


def main() -> None:
    """Entry point: run the group and turn library errors into one line.

    Exit codes, the same for every command: 0 done; 1 done, but something matched nothing,
    failed a check or (in a batch) failed to parse; 2 cannot run (bad input file, no store,
    bad options).
    """
    from policykg.extractor.errors import PlanInputError
    from policykg.graph.store import StoreError

    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (PlanInputError, StoreError) as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(code if isinstance(code, int) else 0)
