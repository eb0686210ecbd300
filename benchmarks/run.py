"""Run the stages, collect their figures, render them as a table or JSON.

``python -m benchmarks.run`` is ``policykg bench``: both go through ``policykg.commands.bench``,
so the options are defined once. A stage whose code is not there yet, or whose server is not up,
reports "skipped" with the reason; a stage that breaks reports "error" and the others still run.
"""
from __future__ import annotations

import importlib
import json
import time
from dataclasses import dataclass, field

from .core import Figure, Settings, Skip, failed, machine, skipped
from .corpus import Context

# stage name -> module under benchmarks/ with ``measure(ctx) -> list[Figure]``, in running order
STAGES: dict[str, str] = {
    "parse": "parse_speed",
    "pdf": "pdf_speed",
    "ocr": "ocr_speed",
    "graph": "graph_speed",
    "cold-start": "cold_start",
    "rdf": "rdf_speed",
    "bolt": "bolt_speed",
    "scaling": "scaling",
    "web": "web_speed",
}
DEFAULT_RUNS = 5
QUICK_RUNS = 3


@dataclass
class Report:
    machine: str
    settings: Settings
    seconds: float = 0.0
    figures: list[Figure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(f.status != "error" for f in self.figures)


def run_suite(only: list[str] | None = None, quick: bool = False, runs: int | None = None,
              progress=None) -> Report:
    """Run the named stages (all by default); ``progress(stage)`` is called before each."""
    settings = Settings(runs=runs or (QUICK_RUNS if quick else DEFAULT_RUNS), quick=quick)
    report = Report(machine=machine(), settings=settings)
    ctx = Context(settings)
    start = time.perf_counter()
    try:
        for stage in only or list(STAGES):
            if progress:
                progress(stage)
            report.figures += run_stage(stage, ctx)
    finally:
        ctx.close()
    report.seconds = time.perf_counter() - start
    return report


def run_stage(stage: str, ctx: Context) -> list[Figure]:
    """One stage's figures, or one figure saying why it was skipped or what broke."""
    try:
        module = importlib.import_module(f"benchmarks.{STAGES[stage]}")
        return module.measure(ctx)
    except Skip as exc:
        return [skipped(stage, str(exc))]
    except ImportError as exc:
        return [skipped(stage, f"cannot import {exc.name or exc}: not written yet or not installed")]
    except Exception as exc:  # a broken stage must not hide the figures of the others
        return [failed(stage, f"{type(exc).__name__}: {exc}")]


def render_json(report: Report) -> str:
    return json.dumps({"machine": report.machine, "runs": report.settings.runs,
                       "quick": report.settings.quick, "seconds": round(report.seconds, 1),
                       "figures": [f.as_dict() for f in report.figures]}, ensure_ascii=False, indent=2)


def render_table(report: Report) -> str:
    header = ("stage", "figure", "value", "baseline", "baseline value", "ratio", "bar", "note")
    rows = [header]
    for f in report.figures:
        if f.status != "ok":
            rows.append((f.stage, f.name, f.status, "", "", "", "", f.note))
            continue
        bar = f"{f.bar} ({'met' if f.met else 'NOT met'})" if f.bar else ""
        rows.append((f.stage, f.name, _number(f.value, f.unit), f.baseline,
                     _number(f.baseline_value, f.unit), f"{f.ratio:.2f}×", bar, f.note))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join([f"machine: {report.machine}", *lines,
                      f"{len(report.figures)} figures in {report.seconds:.0f} s "
                      f"(runs={report.settings.runs}{', quick' if report.settings.quick else ''})"])


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    text = f"{value:,.0f}" if value >= 100 else f"{value:.3g}"
    return f"{text} {unit}"


if __name__ == "__main__":
    from policykg.commands.bench import bench_cmd
    bench_cmd(prog_name="python -m benchmarks.run")
