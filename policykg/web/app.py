"""The analyst's workbench: a Flask app over one store, pages rendered from Jinja2 templates.

Flask because it is small and well kept (the ``web`` extra, ``pip install policykg[web]``); its
templates escape every value (autoescape), so document text reaches a page only as text. Everything the
pages need ships in the package (``templates/``, ``static/``): the app works offline.

Every page has a JSON twin under ``/api`` that returns the same rows as the CLI's ``--format
json``; pages and API both answer through ``Workbench``, which answers through
``policykg.queries``.
"""
from __future__ import annotations

import json
import threading
from collections import Counter
from urllib.parse import urlencode
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask, Response, abort, g, jsonify, render_template, request

from policykg.extractor.presentation import target_value
from policykg.queries.compare_formats import FORMATS
from policykg.queries.compare_formats.rows import TOP_DEPARTMENTS

from . import ui
from .names import plan_names
from .workbench import UnknownPlan, Workbench

if TYPE_CHECKING:
    from policykg.queries.chain import ChainComparison
    from policykg.queries.catalog import PlanFilter
    from policykg.queries.comparison import Comparison



def create_app(store_dir: Path, warm: bool = True) -> Flask:
    """The app over the store in ``store_dir`` (read at once: a missing store fails here).
    ``warm`` classifies every plan's measures in a background thread, so that the first
    comparison does not wait for it."""
    bench = Workbench(store_dir)
    if warm:
        threading.Thread(target=bench.warm, name="policykg-warm", daemon=True).start()
    app = Flask(__name__)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.jinja_env.globals["format_target"] = target_value  # values read as in the CLI and reports

    @app.before_request
    def language() -> None:
        g.lang = ui.choose(request.args.get("lang"), request.cookies.get(ui.COOKIE))

    @app.after_request
    def remember_language(response: Response) -> Response:
        if request.args.get("lang") in ui.LANGUAGES:
            response.set_cookie(ui.COOKIE, g.lang, max_age=365 * 24 * 3600, samesite="Lax")
        return response

    @app.context_processor
    def names() -> dict[str, Any]:
        other = next(lang for lang in ui.LANGUAGES if lang != g.lang)
        switch = {**request.args.to_dict(flat=False), "lang": [other]}
        vocabularies = {name.upper(): ui.vocabulary(name, g.lang)
                        for name in ("levels", "roles", "comparators", "directions", "verdicts")}
        return {"names": plan_names(bench.plans()), "L": ui.words(g.lang), **vocabularies,
                "html_lang": ui.HTML_LANG[g.lang],
                "switch_language": request.path + "?" + urlencode(switch, doseq=True)}

    @app.errorhandler(UnknownPlan)
    def unknown_plan(exc: UnknownPlan):
        return failed(BadRequest("unknown_plan", plan=exc.args[0]), 404)

    @app.errorhandler(BadRequest)
    def bad_request(exc: BadRequest):
        return failed(exc, 400)

    def failed(exc: BadRequest, status: int):
        message = ui.words(g.lang).format(exc.key, **exc.values)
        if request.path.startswith("/api/"):
            return jsonify({"error": message}), status
        return render_template("error.html", message=message), status

    # plans ---------------------------------------------------------------------------------------

    def plan_list() -> tuple[list[dict[str, Any]], "PlanFilter"]:
        from policykg.queries.catalog import PlanFilter, catalog

        where = PlanFilter(region=_arg("region"), level=_arg("level"), year=_int_arg("year"),
                           kind=_arg("kind"), grade=_arg("grade"), text=_arg("q"))
        return catalog(bench.plans(), where), where

    @app.get("/")
    def plans_page():
        from policykg.queries.catalog import choices

        rows, where = plan_list()
        return render_template("plans.html", rows=rows, where=where, choices=choices(bench.plans()))

    @app.get("/api/plans")
    def plans_api():
        return jsonify(plan_list()[0])

    @app.get("/plan/<plan_id>")
    def plan_page(plan_id: str):
        from .plan_view import plan_view

        plan = bench.plan(plan_id)
        return render_template("plan.html", view=plan_view(plan, bench.source_text(plan)))

    @app.get("/api/plans/<plan_id>")
    def plan_api(plan_id: str):
        return jsonify(bench.plan(plan_id).to_dict())

    @app.route("/plan/<plan_id>/gold.json", methods=["GET", "POST"])
    def gold_download(plan_id: str):
        from pydantic import ValidationError

        from .review import Corrections, UnknownFact, corrected_gold

        plan = bench.plan(plan_id)
        try:
            corrections = Corrections.model_validate_json(request.form.get("corrections") or "{}")
            gold = corrected_gold(plan, corrections)
        except (ValidationError, UnknownFact) as exc:
            raise BadRequest("bad_corrections", detail=_first_line(exc)) from None
        body = json.dumps(gold, ensure_ascii=False, indent=2) + "\n"
        name = Path(gold["source"]).stem or plan.id
        return Response(body, mimetype="application/json",
                        headers={"Content-Disposition": f"attachment; filename={name}.gold.json"})

    # departments -------------------------------------------------------------------------------

    @app.get("/departments")
    def departments_page():
        return render_template("departments.html", rows=bench.ask("departments", plan=_arg("plan")))

    @app.get("/api/departments")
    def departments_api():
        return jsonify(bench.ask("departments", plan=_arg("plan")))

    @app.get("/department")
    def department_page():
        name = _required("name")
        rows = bench.ask("portfolio", department=name, plan=_arg("plan"))
        actions = {p: bench.actions(bench.plan(p)) for p in {r["plan"] for r in rows}}
        return render_template("department.html", name=name, rows=rows, actions=actions,
                               by_action=_by_action(rows, actions))

    @app.get("/api/portfolio")
    def portfolio_api():
        return jsonify(bench.ask("portfolio", department=_required("dept"), plan=_arg("plan")))

    @app.get("/api/who-owns")
    def who_owns_api():
        return jsonify(bench.ask("who-owns", text=_required("q"), plan=_arg("plan")))

    # targets -----------------------------------------------------------------------------------

    def target_rows() -> list[dict[str, Any]]:
        """The ``targets`` query's rows, then only the plans of ``region`` when one is given."""
        from policykg.queries.catalog import PlanFilter, catalog

        rows = bench.ask("targets", year=_int_arg("year"), indicator=_arg("indicator"), plan=_arg("plan"))
        region = _arg("region")
        if region:
            in_region = {r["id"] for r in catalog(bench.plans(), PlanFilter(region=region))}
            rows = [r for r in rows if r["plan"] in in_region]
        return rows

    @app.get("/targets")
    def targets_page():
        from policykg.queries.catalog import choices

        rows = target_rows()
        chart = None
        if _arg("indicator") and rows:
            from .charts import bar_groups

            names = {r["target"]["indicator_name"] or r["target"]["indicator"] for r in rows}
            year = _int_arg("year")
            chart = [g for g in bar_groups(bench.compare(sorted({r["plan"] for r in rows})), names)
                     if year is None or g.row.year == year]
        return render_template("targets.html", rows=rows, chart=chart, choices=choices(bench.plans()),
                               args=request.args, query=request.query_string.decode())

    @app.get("/api/targets")
    def targets_api():
        return jsonify(target_rows())

    @app.get("/targets/download.xlsx")
    def targets_download():
        """The targets as filtered on the page, as one sheet (columns as in the CSV output)."""
        import io

        from policykg.output import flat_table

        from policykg.extractor.serializers.xlsx import write_workbook

        headers, values = flat_table(target_rows())
        out = io.BytesIO()
        write_workbook([("targets", headers, values)], out)
        return Response(out.getvalue(), mimetype=MIMETYPES["xlsx"],
                        headers={"Content-Disposition": "attachment; filename=targets.xlsx"})

    # compare -----------------------------------------------------------------------------------

    def compared() -> "Comparison | None":
        ids = request.args.getlist("plans")
        if not ids:
            return None
        if len(ids) < 2:
            raise BadRequest("needs_two_plans")
        return bench.compare(ids)

    @app.get("/compare")
    def compare_page():
        from .charts import bar_groups, heat_rows

        comparison = compared()
        charts = {}
        if comparison is not None:
            groups = bar_groups(comparison)
            charts = {"shared": [g for g in groups if g.row.shared],
                      "single": [g for g in groups if not g.row.shared],
                      "heat": heat_rows(comparison.coverage)}
        return render_template("compare.html", comparison=comparison, **charts, top=TOP_DEPARTMENTS,
                               chosen=request.args.getlist("plans"), downloads=FORMATS,
                               query=request.query_string.decode())

    @app.get("/api/compare")
    def compare_api():
        comparison = compared()
        if comparison is None:
            raise BadRequest("needs_two_plans")
        return jsonify(comparison.to_dict())

    @app.get("/compare/download.<fmt>")
    def compare_download(fmt: str):
        from policykg.queries.compare_formats import render

        if fmt not in FORMATS:
            abort(404)
        comparison = compared()
        if comparison is None:
            raise BadRequest("needs_two_plans")
        body = render(comparison, fmt)
        return Response(body, mimetype=MIMETYPES[fmt],
                        headers={"Content-Disposition": f"attachment; filename=compare.{fmt}"})

    # plans in their hierarchy -------------------------------------------------------------------

    def chain_of(plan_id: str) -> tuple[list[dict[str, Any]], "ChainComparison"]:
        """The ``lineage`` rows of a plan and the plan against every plan it implements."""
        from policykg.queries.chain import chain_from_lineage

        plan = bench.plan(plan_id)  # an unknown id is a 404 here, before any query runs
        rows = bench.ask("lineage", plan=plan_id)
        return rows, chain_from_lineage(plan, rows, bench.plan)

    @app.get("/plan/<plan_id>/lineage")
    def lineage_page(plan_id: str):
        from policykg.queries.compare_formats.rows import value_text

        rows, chain = chain_of(plan_id)
        return render_template("lineage.html", rows=rows, chain=chain, plan_id=plan_id,
                               value_text=value_text)

    @app.get("/api/lineage")
    def lineage_api():
        plan_id = _required("plan")
        bench.plan(plan_id)
        return jsonify(bench.ask("lineage", plan=plan_id))

    @app.get("/api/chain")
    def chain_api():
        return jsonify(chain_of(_required("plan"))[1].to_dict())

    @app.get("/coverage")
    def coverage_page():
        return render_template("coverage.html", found=coverage())

    @app.get("/api/coverage")
    def coverage_api():
        return jsonify(coverage())

    def coverage() -> dict[str, Any]:
        from policykg.queries.frame_coverage import frame_coverage
        from .workbench import _classifier

        return frame_coverage(bench.plans(), _classifier())

    return app


MIMETYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
             "json": "application/json",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
"""The media type of each download (comparison formats and the targets sheet)."""


def _by_action(rows: list[dict[str, Any]], actions: dict[str, dict[str, str]]) -> list[tuple[str, Counter]]:
    """Portfolio rows counted by the national action of their measure and by role, in the order
    of the national plan's labels."""
    from policykg.queries.national_frame import LABELS

    counts: dict[str, Counter] = {}
    for row in rows:
        action = actions[row["plan"]].get(row["measure"]["id"], "")
        counts.setdefault(action, Counter())[row["role"]] += 1
    order = {label: i for i, label in enumerate(LABELS)}
    return sorted(counts.items(), key=lambda item: order.get(item[0], len(order)))


class BadRequest(ValueError):
    """A request the app cannot answer: ``key`` names the message saying why (``ui.json``),
    written in the interface's language when the answer is made."""

    def __init__(self, key: str, **values: Any):
        super().__init__(key)
        self.key, self.values = key, values


def _arg(name: str) -> str | None:
    value = request.args.get(name, "").strip()
    return value or None


def _int_arg(name: str) -> int | None:
    value = _arg(name)
    if value is None:
        return None
    if not value.isdigit():
        raise BadRequest("not_a_number", name=name, value=value)
    return int(value)


def _required(name: str) -> str:
    value = _arg(name)
    if value is None:
        raise BadRequest("missing_parameter", name=name)
    return value


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0]
