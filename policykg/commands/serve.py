"""``policykg serve``: the analyst's workbench in a browser, and ``policykg plans``, its plan list."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import CannotRun
from ..output import Column, output_options, render


def _store_dir(store_dir: Path | None) -> Path:
    from policykg.graph.store import default_store_dir
    return store_dir or default_store_dir()


@click.command("serve")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None,
              help="Store directory (default: $POLICYKG_STORE or ~/.local/share/policykg/store).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default answers only this machine.")
@click.option("--port", type=int, default=8765, show_default=True, help="Port (0: any free port).")
def serve_cmd(store_dir: Path | None, host: str, port: int) -> None:
    """Browse, compare and review the store's plans in a web browser (Chinese interface).

    Prints the address, then serves until interrupted. Nothing is fetched from the network and
    nothing is written to the store.
    """
    from werkzeug.serving import make_server

    from policykg.graph.store import StoreError

    from ..web.app import create_app

    directory = _store_dir(store_dir)
    try:
        app = create_app(directory)
    except StoreError as exc:
        raise CannotRun(str(exc)) from None
    try:
        server = make_server(host, port, app, threaded=True)
    except OSError as exc:
        raise CannotRun(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    click.echo(f"policykg serve: http://{host}:{server.port}/ (store {directory}; Ctrl+C stops)")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@click.command("plans")
@click.option("--store", "store_dir", type=click.Path(path_type=Path), default=None,
              help="Store directory (default: $POLICYKG_STORE or ~/.local/share/policykg/store).")
@click.option("--region", default=None, help="Only plans of this region (as printed: 青羊区).")
@click.option("--level", type=click.Choice(["national", "province", "city", "district"]), default=None)
@click.option("--year", type=int, default=None, help="Only plans issued in this year.")
@click.option("--kind", default=None, help="Only plans of this genre (实施方案, 行动方案 …).")
@click.option("--grade", type=click.Choice(["A", "B", "C", "D"]), default=None,
              help="Only plans whose parse has this health grade (policykg check).")
@click.option("--search", "text", default=None, metavar="TEXT",
              help="Only plans whose title or a measure contains TEXT.")
@output_options
def plans_cmd(store_dir: Path | None, region: str | None, level: str | None, year: int | None,
              kind: str | None, grade: str | None, text: str | None, fmt: str | None) -> None:
    """The store's plans with their region, level, 文号, date, counts and health grade (the web
    app's plan list)."""
    from policykg.extractor.model import Plan
    from policykg.graph.store import Store, StoreError
    from policykg.queries.catalog import PlanFilter, catalog

    try:
        with Store.open(_store_dir(store_dir)) as store:
            store.require_plans()
            plans = [Plan.from_dict(store.plan_json(e.id)) for e in store.plans()]
    except StoreError as exc:
        raise CannotRun(str(exc)) from None
    rows = catalog(plans, PlanFilter(region=region, level=level, year=year, kind=kind, grade=grade,
                                     text=text))
    columns = [Column("Plan", "id"), Column("Title", "title"), Column("Region", "region"),
               Column("Level", "level"), Column("文号", "doc_number"), Column("Date", "date"),
               Column("Measures", "measures"), Column("Units", "units"), Column("Targets", "targets"),
               Column("Grade", "grade")]
    if rows or fmt == "json" or (fmt is None and not sys.stdout.isatty()):
        render(rows, fmt, columns)
    if not rows:
        click.echo("no plan matches", err=True)
        sys.exit(1)
