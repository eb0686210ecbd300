"""``policykg parse`` and ``policykg text``."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .options import ocr_option


@click.command("parse")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "md"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here instead of standard output.")
@click.option("--workers", type=int, default=None, help="Parallel workers for folders (default: all cores).")
@ocr_option
def parse_cmd(paths: tuple[Path, ...], fmt: str, output: Path | None, workers: int | None,
              ocr: str) -> None:
    """Parse plan files (txt, PDF, HTML, DOCX) or folders of them.

    One file gives one JSON object (policykg/plan@1); several give a JSON array. Files that fail
    are reported one line each at the end, and the exit code is 1 if any failed.
    """
    from policykg.extractor import parse_file

    single = len(paths) == 1 and not paths[0].is_dir()
    if single:
        plans, outcomes = [parse_file(paths[0], ocr=ocr, progress=True)], []
    else:
        plans, outcomes = _parse_many(paths, workers, ocr)
    text = _render(plans, fmt, single)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    if not single:
        from policykg.extractor.batch import print_summary
        print_summary(outcomes)
    if len(plans) < len(outcomes):
        sys.exit(1)


def _parse_many(paths, workers, ocr: str):
    from policykg.extractor.batch import collect, parse_many
    from policykg.extractor.errors import PlanInputError

    if not collect(paths):
        raise PlanInputError(", ".join(map(str, paths)), "no plan files (.txt .pdf .html .htm .docx) found")
    outcomes = list(parse_many(list(paths), workers=workers, ocr=ocr))
    return [o.plan for o in outcomes if o.ok], outcomes


def _render(plans, fmt: str, single: bool) -> str:
    if fmt == "md":
        from policykg.extractor.serializers.markdown import plan_to_markdown
        return "\n".join(plan_to_markdown(p) for p in plans)
    if single:
        return plans[0].to_json() + "\n"
    return json.dumps([p.to_dict() for p in plans], ensure_ascii=False, indent=2) + "\n"


@click.command("text")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--normalized", is_flag=True, help="Print the normalised text the rules read, not the decoded text.")
@ocr_option
def text_cmd(path: Path, normalized: bool, ocr: str) -> None:
    """Print the decoded text of a file: the text that every span points into."""
    from policykg.extractor.readers import read_document

    document = read_document(path, ocr, progress=True)
    if normalized:
        from policykg.extractor.normalize import normalize
        click.echo(normalize(document.text).text, nl=False)
    else:
        click.echo(document.text, nl=False)
