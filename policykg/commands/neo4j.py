"""``policykg neo4j load|query``: the store's graph in a Neo4j 5 (or other Bolt) server.

The password only ever comes from the environment variable named by ``--password-env``: it is
never an option value (so never in shell history or ``ps``) and never in a message. Exit codes:

- 0: done (``query``: with results);
- 1: the load stopped part way (run it again to complete it), or a query matched nothing;
- 2: cannot run: bad options, no store, the server cannot be reached or refuses the login,
  a raw query that writes or that the server rejects.
"""
from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import click

from ..output import output_options, render
from .graph import CannotRun

NAMED_ARGUMENT = {"who-owns": "text", "portfolio": "department"}
"""Named queries that take VALUE, and the ``Params`` field it fills."""


class LoadStopped(click.ClickException):
    """The load failed part way: one line on stderr and exit code 1."""
    exit_code = 1


def password_auth(user: str, password_env: str | None) -> tuple[str, str] | None:
    """(user, password) from the environment; no authentication without --password-env."""
    if password_env is None:
        return None
    password = os.environ.get(password_env)
    if password is None:
        raise CannotRun(f"environment variable {password_env} is not set "
                        f"(--password-env names the variable holding the password)")
    return user, password


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def _bolt_uri(ctx: click.Context, param: click.Parameter, uri: str) -> str:
    """Refuse a URI that is not Bolt: the driver takes ``http://`` for its experimental HTTP
    API, which needs aiohttp (once a traceback), and the safeguards here are made for Bolt."""
    scheme = uri.partition("://")[0].lower() if "://" in uri else ""
    if scheme not in BOLT_SCHEMES:
        raise CannotRun(f"{uri}: not a Bolt URI; give bolt://HOST:7687 or neo4j://HOST:7687 "
                        f"(schemes {', '.join(BOLT_SCHEMES)})")
    return uri


def connection_options(command: Callable) -> Callable:
    options = [
        click.option("--uri", envvar="NEO4J_URI", default="bolt://localhost:7687", callback=_bolt_uri,
                     show_default=True, help="Bolt URI of the server (or $NEO4J_URI)."),
        click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True,
                     help="User name (or $NEO4J_USER); used with --password-env."),
        click.option("--password-env", metavar="VAR", default=None,
                     help="Name of the environment variable holding the password "
                          "(without it, connect without authentication)."),
        click.option("--database", default=None, help="Database (default: the server's)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@contextmanager
def session(uri: str, user: str, password_env: str | None, database: str | None,
            read_only: bool = False) -> Iterator[Any]:
    """A session on a server known to answer; connection failures become one-line errors."""
    try:
        import neo4j
        from neo4j.exceptions import AuthError, DriverError, Neo4jError
    except ImportError:
        raise CannotRun("the neo4j driver is not installed (pip install 'policykg[neo4j]')") from None

    from policykg.graph.neo4j_loader import describe

    auth = password_auth(user, password_env)
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_acquisition_timeout=20)
    except (DriverError, ValueError) as exc:
        raise CannotRun(f"{uri}: {describe(exc)}") from None
    try:
        try:
            driver.verify_connectivity()
        except Neo4jError as exc:
            who = f"the login of user {user!r}" if auth else "the connection"
            why = "check the password" if isinstance(exc, AuthError) else describe(exc)
            raise CannotRun(f"{uri}: the server refused {who} ({why})") from None
        except (DriverError, OSError) as exc:
            raise CannotRun(f"cannot reach {uri}: {describe(exc)}") from None
        access = neo4j.READ_ACCESS if read_only else neo4j.WRITE_ACCESS
        with driver.session(database=database, default_access_mode=access) as opened:
            yield opened
    finally:
        driver.close()


def _store_graph(store_dir: Path | None):
    from policykg.graph.store import Store, StoreError, default_store_dir

    try:
        with Store.open(store_dir or default_store_dir()) as store:
            store.require_plans()
            return store.load_graph()
    except StoreError as exc:
        raise CannotRun(str(exc)) from None


@click.group("neo4j")
def neo4j_group() -> None:
    """Load the store into a Neo4j 5 server over Bolt and query it in Cypher."""


@neo4j_group.command("load")
@connection_options
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Rows per UNWIND statement.")
@click.option("--max-batch-bytes", type=click.IntRange(min=256), default=None,
              help="Also cut batches at this many bytes (default: none on Neo4j; 3500 on a "
                   "server that pastes parameters into the query, as FalkorDB does).")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None,
              help="Store directory (default: $POLICYKG_STORE or ~/.local/share/policykg/store).")
def load_cmd(uri: str, user: str, password_env: str | None, database: str | None,
             batch_size: int, max_batch_bytes: int | None, store_dir: Path | None) -> None:
    """Write the store's graph to the server, merging on stable ids.

    Loading again leaves the same counts; a plan re-built in the store is updated in place, its
    removed measures and relations removed. A load cut short is completed by running it again.
    """
    from policykg.graph.neo4j_loader import LoadError, LoadSettings, count_rows, load

    from policykg.extractor.progress import progress

    graph = _store_graph(store_dir)
    settings = LoadSettings(batch_size=batch_size, max_batch_bytes=max_batch_bytes)
    with session(uri, user, password_env, database) as opened, \
            progress("loading rows", count_rows(graph)) as advance:
        try:
            report = load(opened, graph, settings, on_batch=advance)
        except LoadError as exc:
            raise LoadStopped(str(exc)) from None
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    rate = report.rows / report.seconds if report.seconds else 0.0
    click.echo(f"loaded {report.nodes} nodes and {report.relationships} relationships into {uri} "
               f"in {report.seconds:.2f} s ({rate:.0f} rows/s); removed "
               f"{report.deleted_nodes} stale nodes and {report.deleted_relationships} "
               f"stale relationships", err=True)


@neo4j_group.command("query")
@click.argument("query")
@click.argument("value", required=False)
@click.option("--plan", default=None, metavar="ID", help="Only this plan (named queries).")
@click.option("--year", type=int, default=None, help="targets: only this year.")
@click.option("--indicator", default=None, metavar="TEXT", help="targets: indicator matching TEXT.")
@click.option("-p", "--param", "raw_params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of raw Cypher ($KEY); VALUE is read as JSON, else as text.")
@connection_options
@output_options
def query_cmd(query: str, value: str | None, plan: str | None, year: int | None,
              indicator: str | None, raw_params: tuple[str, ...], uri: str, user: str,
              password_env: str | None, database: str | None, fmt: str | None) -> None:
    """Run a named query (who-owns TEXT, portfolio DEPT, targets, departments) or raw Cypher.

    Named queries give the same rows as `policykg who-owns` and the others. Raw Cypher must only
    read; pass values as parameters (-p name=value, used as $name), never inside the text.
    """
    from policykg.queries import QUERIES, CypherBackend, run
    from policykg.queries.cypher import WriteRefused, check_read_only

    from policykg.graph.bolt_params import SafeRunner

    if query in QUERIES:
        params = _named_params(query, value, plan, year, indicator)
        with session(uri, user, password_env, database, read_only=True) as opened:
            inlines = _probe(opened, uri)
            rows = _answer(opened, lambda tx: run(query, CypherBackend(SafeRunner(tx, inlines)), **params),
                           uri)
    else:
        if value is not None:
            raise CannotRun(f"unexpected argument {value!r}: raw Cypher takes its values as "
                            f"-p KEY=VALUE")
        try:
            check_read_only(query)
        except WriteRefused as exc:
            raise CannotRun(str(exc)) from None
        params = dict(_raw_param(p) for p in raw_params)
        with session(uri, user, password_env, database, read_only=True) as opened:
            inlines = _probe(opened, uri)
            rows = _answer(opened, lambda tx: [r.data() for r in SafeRunner(tx, inlines).run(query, params)],
                           uri)
    render(json.loads(json.dumps(rows, ensure_ascii=False, default=str)), fmt)
    if not rows:
        click.echo("no rows", err=True)
        sys.exit(1)


def _named_params(query: str, value: str | None, plan: str | None, year: int | None,
                  indicator: str | None) -> dict[str, Any]:
    params: dict[str, Any] = {"plan": plan}
    if query in NAMED_ARGUMENT:
        if value is None:
            raise CannotRun(f"{query} needs a {NAMED_ARGUMENT[query].upper()} argument")
        params[NAMED_ARGUMENT[query]] = value
    elif value is not None:
        raise CannotRun(f"{query} takes no argument (got {value!r})")
    if query == "targets":
        params.update(year=year, indicator=indicator)
    elif year is not None or indicator is not None:
        raise CannotRun("--year and --indicator only apply to targets")
    return params


def _raw_param(text: str) -> tuple[str, Any]:
    key, sep, value = text.partition("=")
    if not sep or not key.isidentifier():
        raise CannotRun(f"bad parameter {text!r}: use KEY=VALUE")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value


def _probe(opened: Any, uri: str) -> bool:
    """Whether the server pastes parameters into the query text (then they are escaped)."""
    from neo4j.exceptions import DriverError, Neo4jError

    from policykg.graph.bolt_params import inlines_parameters
    from policykg.graph.neo4j_loader import describe

    try:
        return inlines_parameters(opened)
    except (Neo4jError, DriverError, OSError) as exc:
        raise CannotRun(f"{uri}: the server failed a parameter check ({describe(exc)})") from None


def _answer(opened: Any, ask: Callable[[Any], list[dict[str, Any]]],
            uri: str) -> list[dict[str, Any]]:
    """``ask`` in a read transaction (FalkorDB answers auto-commit reads from another graph)."""
    from neo4j.exceptions import DriverError, Neo4jError

    from policykg.graph.bolt_params import ParameterError
    from policykg.graph.neo4j_loader import describe

    try:
        return opened.execute_read(ask)
    except ParameterError as exc:
        raise CannotRun(str(exc)) from None
    except (Neo4jError, DriverError, OSError) as exc:
        raise CannotRun(f"{uri}: the query failed ({describe(exc)})") from None
