"""The README keeps up with the code: every command is documented, and .ci/run runs its test command."""
import re
from pathlib import Path

import pytest

from policykg.cli import COMMANDS

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_in_the_readme(name):
    assert f"policykg {name}" in README


def test_ci_runs_exactly_the_readme_test_command():
    readme_commands = README.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(readme_commands) == 2
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == readme_commands[1]


LAYOUT = README.split("\n## Layout\n", 1)[1].split("```", 2)[1]
"""The tree drawn in the README's Layout section."""
SOURCE_FOLDERS = ("extractor", "graph", "queries", "policykg")


def _modules() -> set[Path]:
    return {p.relative_to(REPO) for folder in SOURCE_FOLDERS for p in (REPO / folder).rglob("*.py")
            if p.name != "__init__.py"}


def test_the_layout_names_every_module_and_folder():
    """Each module by its file name, each package (a query's folder too) by ``name/``."""
    missing = [str(p) for p in sorted(_modules()) if p.name not in LAYOUT]
    assert missing == []
    folders = {p.parent.name for p in _modules() | {q.relative_to(REPO) for folder in SOURCE_FOLDERS
                                                     for q in (REPO / folder).rglob("__init__.py")}}
    assert [f for f in sorted(folders) if f"{f}/" not in LAYOUT] == []


def test_the_layout_names_no_module_that_is_gone():
    named = set(re.findall(r"\b([a-z_0-9]+\.py)\b", LAYOUT))
    assert sorted(named - {p.name for p in _modules()}) == []
