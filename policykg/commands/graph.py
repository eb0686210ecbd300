"""Graph commands: build the store, ask the named queries, export, validate, SPARQL.

Each command opens the store, calls one library function and renders rows with the shared
output options. Exit codes (the same for every command here):

- 0: done, with results;
- 1: nothing matched the query, the export does not conform, or some files did not parse;
- 2: cannot run: no store, an empty store, an unreadable file, a bad SPARQL query, bad options.
"""
from __future__ import annotations

import sys
from collections import Counter
from itertools import chain
from pathlib import Path
from typing import Any, Callable

import click

from policykg.graph.export import FORMATS as EXPORT_FORMATS
from policykg.graph.schema import DEFAULT_BASE, check_base
from policykg.graph.store import Store, StoreError, default_store_dir

from ..errors import CannotRun
from ..output import Column, output_options, render
from .options import ocr_option

BACKENDS = ("networkx", "sparql")


def _store_option(command: Callable) -> Callable:
    return click.option(
        "--store", "store_dir", type=click.Path(path_type=Path), default=None,
        help="Store directory (default: $POLICYKG_STORE or ~/.local/share/policykg/store).",
    )(command)


def _plan_option(command: Callable) -> Callable:
    return click.option("--plan", default=None, metavar="ID",
                        help="Only this plan (its id, as `build` lists it).")(command)


def _query_options(command: Callable) -> Callable:
    """What every named query takes: --plan, --store, --backend and the output options."""
    command = output_options(command)
    command = click.option(
        "--backend", type=click.Choice(BACKENDS), default="networkx", show_default=True,
        help="Answer from the graph in memory, or by SPARQL over its RDF form.")(command)
    return _plan_option(_store_option(command))


def _open(store_dir: Path | None) -> Store:
    try:
        store = Store.open(store_dir or default_store_dir())
        store.require_plans()
    except StoreError as exc:
        raise CannotRun(str(exc)) from None
    return store


def _load(store_dir: Path | None, plans: tuple[str, ...] = (), restrict: bool = True, **how: Any):
    """The store's graph; with ``plans``, check they exist and (``restrict``) load only them;
    ``how``: what else ``Store.load_graph`` takes (``linked``, ``part``)."""
    with _open(store_dir) as store:
        _check_plans(store, plans)
        return store.load_graph(plans if plans and restrict else None, **how)


def _check_plans(store: Store, plans: tuple[str, ...]) -> None:
    """Fail in one line when the store lacks one of ``plans``."""
    known = {p.id for p in store.plans()}
    if unknown := [p for p in plans if p not in known]:
        held = sorted(known)
        more = f" and {len(held) - 10} more" if len(held) > 10 else ""
        raise CannotRun(f"no plan {', '.join(unknown)} in {store.directory}; "
                        f"it holds {', '.join(held[:10])}{more}")


def _ask(query: str, store_dir: Path | None, backend: str, **params: Any) -> list[dict[str, Any]]:
    """Run a named query on the whole graph (a ``plan`` parameter must name a stored plan), or on
    the part of it the query reads (``queries.part_read_by``; networkx only, since the SPARQL
    texts also read the plans the measures belong to)."""
    from policykg.queries import FOLLOWS_PLAN_LINKS, NetworkxBackend, SparqlBackend, part_read_by, run

    plan = params.get("plan")
    graph = _load(store_dir, (plan,) if plan else (), restrict=False,
                  linked=query in FOLLOWS_PLAN_LINKS,
                  part=part_read_by(query) if backend == "networkx" else None)
    if backend == "sparql":
        from policykg.graph.sparql import open_engine
        return run(query, SparqlBackend(open_engine(graph)), **params)
    return run(query, NetworkxBackend(graph), **params)


def _base(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        return check_base(value)
    except ValueError as exc:
        raise CannotRun(str(exc)) from None


def _base_option(command: Callable) -> Callable:
    return click.option("--base", default=DEFAULT_BASE, show_default=True, callback=_base,
                        help="IRI base of the nodes.")(command)


def _show(rows: list[dict[str, Any]], fmt: str | None, columns: list[Column], empty: str) -> None:
    """Render the rows; with none, say so on stderr and exit 1 (json still prints ``[]``)."""
    if rows or fmt == "json" or (fmt is None and not sys.stdout.isatty()):
        render(rows, fmt, columns)
    if not rows:
        click.echo(empty, err=True)
        sys.exit(1)


# --- build -------------------------------------------------------------------------------------

def default_corpus() -> list[Path]:
    """The plans shipped with the package (``policykg.corpus``)."""
    from importlib.util import find_spec

    spec = find_spec("policykg.corpus")
    for location in (spec.submodule_search_locations or []) if spec else []:
        found = sorted(Path(location).glob("*.txt"))
        if found:
            return found
    raise CannotRun("the default corpus (policykg.corpus) is not installed; give PATHs to build")


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_store_option
@click.option("--workers", type=int, default=None,
              help="Parser processes (default: one per core; 1 parses in this process).")
@ocr_option
def build_cmd(paths: tuple[Path, ...], store_dir: Path | None, workers: int | None,
              ocr: str) -> None:
    """Parse plan files and folders and merge them into the store.

    A document is stored once, by what it is, not by its file name: met again (the same file,
    its copy under another name, a PDF and its text twin) it replaces the stored plan or adds its
    path to it, and two documents never share a plan id (see graph.identity); each replacement
    and merge is one line of the report. With no PATH, builds the plan shipped with policykg.
    Files that fail are listed; the others are stored.
    """
    from policykg.extractor.batch import parse_many, summary
    from policykg.extractor.health import assess

    targets = list(paths) or default_corpus()
    outcomes = []   # each keeps its plan only until the store has it: memory stays flat
    parsed: list[tuple[str, int, str]] = []   # title, measures, grade, in the order stored

    def parsed_plans():
        for outcome in parse_many(targets, workers=workers, ocr=ocr):
            if outcome.ok:
                plan, outcome.plan = outcome.plan, None
                parsed.append((plan.metadata.title or "", len(plan.measures), assess(plan).grade))
                yield plan
            outcomes.append(outcome)

    directory = store_dir or default_store_dir()
    plans = parsed_plans()
    first = next(plans, None)   # the store is made only once there is a plan to put in it
    placed = []
    if first is not None:
        try:
            with Store.create(directory) as store:
                placed = store.add(chain([first], plans))
                total = len(store.plans())
        except StoreError as exc:
            raise CannotRun(str(exc)) from None
    failed = len(parsed) < len(outcomes)
    for line in summary(outcomes)[:-1]:
        click.echo(line, err=True)
    if placed:
        for place, (title, measures, _) in zip(placed, parsed):
            click.echo(f"  {place.id}  {title} ({measures} measures)"
                       + (f"; {place.note}" if place.note else ""))
        files = len(placed)
        kinds = Counter(p.action for p in placed)
        counts = ", ".join(f"{n} {action}" for action, n in sorted(kinds.items()))
        click.echo(f"stored {files} file{'s' * (files != 1)} as {len({p.id for p in placed})} "
                   f"plan{'s' * (len({p.id for p in placed}) != 1)} ({counts}; "
                   f"{sum(m for _, m, _ in parsed)} measures) in {directory}; it now holds {total}")
        below = sum(grade in ("C", "D") for *_, grade in parsed)
        click.echo(f"{below} of {files} plan{'s' * (files != 1)} below grade B "
                   "(policykg check PATH… says why)")
    elif not failed:
        raise CannotRun(f"no plan files found in {', '.join(map(str, targets))}")
    if failed:
        sys.exit(1)


# --- named queries -------------------------------------------------------------------------------

def _measure(value: Any, row: dict) -> str:
    return f"{value['path']} {value['title']}" if value else ""


MEASURE_COLUMNS = [Column("Plan", "plan"), Column("Measure", "measure", _measure),
                   Column("Lead", "lead"), Column("Support", "support"), Column("Joint", "joint")]


@click.command("who-owns")
@click.argument("text")
@_query_options
def who_owns_cmd(text: str, plan: str | None, store_dir: Path | None, backend: str,
                 fmt: str | None) -> None:
    """Measures whose number, title or body matches TEXT, with lead and supporting units."""
    if not text.strip():
        raise click.UsageError("TEXT is empty; give a word of the measure, or its number")
    rows = _ask("who-owns", store_dir, backend, text=text, plan=plan)
    _show(rows, fmt, MEASURE_COLUMNS, f"no measure matches {text!r}")


@click.command("portfolio")
@click.argument("department")
@_query_options
def portfolio_cmd(department: str, plan: str | None, store_dir: Path | None, backend: str,
                  fmt: str | None) -> None:
    """What DEPARTMENT leads and supports, across plans (aliases resolved)."""
    rows = _ask("portfolio", store_dir, backend, department=department, plan=plan)
    columns = [Column("Role", "role"), Column("Department", "department"), *MEASURE_COLUMNS]
    _show(rows, fmt, columns, f"no department named {department!r} is responsible for a measure "
                              "(see `policykg departments`)")


def _target(value: Any, row: dict) -> str:
    from policykg.extractor.presentation import target_value

    return target_value(value["value"], value["unit"], value["comparator"], value["direction"],
                        value["value_max"])


@click.command("targets")
@click.option("--year", type=int, default=None, help="Only targets for this year.")
@click.option("--indicator", default=None, metavar="TEXT",
              help="Only indicators whose canonical name, a synonym or a printed form contains TEXT.")
@_query_options
def targets_cmd(year: int | None, indicator: str | None, plan: str | None,
                store_dir: Path | None, backend: str, fmt: str | None) -> None:
    """Quantitative targets with the units that own them."""
    rows = _ask("targets", store_dir, backend, year=year, indicator=indicator, plan=plan)
    columns = [Column("Plan", "plan"), Column("Scope", "scope"),
               Column("Indicator", "target.indicator"), Column("Target", "target", _target),
               Column("Year", "target.year"), Column("Lead", "lead")]
    _show(rows, fmt, columns, "no target matches")


@click.command("departments")
@_query_options
def departments_cmd(plan: str | None, store_dir: Path | None, backend: str,
                    fmt: str | None) -> None:
    """Departments ranked by the measures they lead and support."""
    rows = _ask("departments", store_dir, backend, plan=plan)
    columns = [Column("Department", "department"), Column("Region", "region"),
               Column("Leads", "leads"), Column("Supports", "supports"), Column("Joint", "joint"),
               Column("Measures", "measures"), Column("Plans", "plans")]
    _show(rows, fmt, columns, "no department is responsible for any measure"
                              + (f" in {plan}" if plan else ""))


# --- RDF -----------------------------------------------------------------------------------------

@click.command("export")
@click.option("--format", "fmt", default=None, metavar="|".join([*EXPORT_FORMATS, "xlsx"]),
              help="Export format (default: from the suffix of -o, else ttl).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default: standard output).")
@_base_option
@click.option("--plan", "plans", multiple=True, metavar="ID", help="Only these plans.")
@click.option("--chinese", is_flag=True, help="xlsx: Chinese sheet names and column headers.")
@_store_option
def export_cmd(fmt: str | None, output: Path | None, base: str, plans: tuple[str, ...],
               chinese: bool, store_dir: Path | None) -> None:
    """Export the store as RDF (ttl, nt, jsonld, xml), GraphML, a Cypher script, neo4j-admin CSV
    files, or an Excel workbook of the plans' facts (xlsx)."""
    from policykg.graph.export import UnknownFormat, find
    from policykg.graph.export.base import ExportError

    if fmt == "xlsx" or (fmt is None and output is not None and output.suffix == ".xlsx"):
        _export_xlsx(output, plans, chinese, store_dir)
        return
    try:
        chosen = find(fmt, output)
    except UnknownFormat as exc:
        raise CannotRun(str(exc)) from None
    if chosen.directory and output is None:
        raise CannotRun(f"{chosen.name} writes a folder of files: give it with -o DIR")
    graph = _load(store_dir, plans)
    exporter = chosen.load(base=base)
    try:
        if output is None:
            exporter.write(graph, sys.stdout.buffer)
            return
        _export_to(output, chosen.directory, chosen.name, lambda out: exporter.write(graph, out))
    except ExportError as exc:
        raise CannotRun(f"{output or 'standard output'}: {exc}") from None
    click.echo(f"wrote {output} ({chosen.name})", err=True)


def _export_to(output: Path, directory: bool, name: str, write: Callable[[Any], None]) -> None:
    """Write a file (under a temporary name until complete) or a folder of files; a write that
    fails (a full disk, no permission) is one line naming the output."""
    from policykg.graph.export.base import replace_when_done

    from policykg.extractor.progress import progress

    try:
        with progress(f"writing {name}", None):
            if directory:
                output.mkdir(parents=True, exist_ok=True)
                write(output)
            else:
                with replace_when_done(output) as out:
                    write(out)
    except OSError as exc:
        raise CannotRun(f"{output}: {exc.strerror or exc}") from None


def _export_xlsx(output: Path | None, plans: tuple[str, ...], chinese: bool, store_dir: Path | None) -> None:
    """One sheet per kind of fact (plans, sections, measures, units, targets, departments,
    citations, warnings), one row per fact with plan id, path and span."""
    from policykg.extractor.model import Plan
    from policykg.extractor.serializers.tables import plan_tables

    from policykg.extractor.serializers.xlsx import write_workbook

    from policykg.extractor.progress import progress

    if output is None:
        raise CannotRun("xlsx is a binary file: give it with -o FILE.xlsx")
    with _open(store_dir) as store:
        _check_plans(store, plans)
        ids = list(plans) or [p.id for p in store.plans()]
        with progress("reading plans", len(ids)) as advance:

            def read(plan_id: str) -> Plan:
                advance(1)
                return Plan.from_dict(store.plan_json(plan_id))

            tables = plan_tables(read(i) for i in ids)
    sheets = [(t.title_zh if chinese else t.name, t.headers(chinese), t.values()) for t in tables]
    _export_to(output, False, "xlsx", lambda out: write_workbook(sheets, out))
    rows = sum(len(t.rows) for t in tables)
    click.echo(f"wrote {output} (xlsx: {len(ids)} plans, {rows} rows in {len(tables)} sheets)", err=True)


@click.command("validate")
@click.argument("file", type=click.Path(path_type=Path))
def validate_cmd(file: Path) -> None:
    """Check an RDF export against policykg's SHACL shapes (exit 1 if it does not conform)."""
    from policykg.graph.validate import UnreadableRdf, read_rdf, validate

    try:
        report = validate(read_rdf(file))
    except UnreadableRdf as exc:
        raise CannotRun(str(exc)) from None
    if report.conforms:
        click.echo(f"{file}: conforms ({report.triples} triples)")
        return
    click.echo(report.text)
    click.echo(f"{file}: {report.violations} violation{'s' * (report.violations != 1)}", err=True)
    sys.exit(1)


@click.command("sparql")
@click.argument("query")
@click.option("--engine", type=click.Choice(("auto", "rdflib", "oxigraph")), default="auto",
              show_default=True, help="auto: pyoxigraph for a large graph, rdflib otherwise.")
@_base_option
@click.option("--plan", "plans", multiple=True, metavar="ID", help="Only these plans.")
@_store_option
@output_options
def sparql_cmd(query: str, engine: str, base: str, plans: tuple[str, ...],
               store_dir: Path | None, fmt: str | None) -> None:
    """Run a SPARQL query (text, or a .rq file) over the store's RDF.

    The prefixes eli, org, prov, skos, qb, oa, dcterms, sdmx-attribute, sdmx-dimension, unit,
    pkg, role, basis, cmp, dir and xsd need no declaration. SELECT prints rows, ASK true or
    false, CONSTRUCT and DESCRIBE Turtle. Examples: queries/sparql/*.rq.
    """
    from policykg.graph.sparql import SparqlError, open_engine

    path = Path(query)
    if query.endswith(".rq") or (len(query) < 256 and "\n" not in query and path.is_file()):
        try:
            query = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CannotRun(f"{path}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise CannotRun(f"{path}: not a UTF-8 text file of SPARQL") from None
    graph = _load(store_dir, plans)
    try:
        result = open_engine(graph, engine, base).query(query)
    except SparqlError as exc:
        raise CannotRun(f"bad SPARQL query: {exc}") from None
    if result.kind == "ASK":
        click.echo("true" if result.boolean else "false")
    elif result.graph is not None:
        click.echo(result.graph)
    else:
        columns = [Column(v, v) for v in result.variables or []]
        _show(result.rows or [], fmt, columns, "the query returned no rows")
