"""The README keeps up with the code: every command is documented, and .ci/run runs its test command."""
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
