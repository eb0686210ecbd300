"""The parse / text / evaluate commands as a user meets them, bad input included."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import cli
from tests.conftest import QINGYANG, TXT

REPO = Path(__file__).resolve().parents[1]


def _run(*args):
    """Run the installed entry point in a subprocess, as a user would, to see exit code and stderr."""
    return subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True, text=True, cwd=REPO)


def test_parse_json_follows_the_contract():
    result = CliRunner().invoke(cli, ["parse", str(QINGYANG), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == "policykg/plan@1"
    assert data["id"] == "qingyang-tandafeng-2024"
    assert set(data) >= {"source", "metadata", "sections", "measures", "targets", "goals", "citations",
                         "departments", "warnings"}
    text = QINGYANG.read_text(encoding="utf-8")
    for m in data["measures"]:
        for u in m["units"]:
            a, b = u["span"]
            assert "".join(text[a:b].split()) == u["raw"]


def test_parse_markdown_outline_names_owners():
    result = CliRunner().invoke(cli, ["parse", str(QINGYANG), "--format", "md"])
    assert result.exit_code == 0
    assert "构建绿色高效的交通运输结构" in result.output and "牵头 区住建交局" in result.output


@pytest.mark.parametrize("make, problem", [
    (lambda d: d / "missing.txt", "no such file"),
    (lambda d: _mkdir(d / "nothing_here"), "no plan files"),
    (lambda d: _write(d / "empty.txt", b""), "empty"),
    (lambda d: _write(d / "binary.txt", bytes(range(256)) * 8), "binary"),
])
def test_bad_input_gives_one_line_error(tmp_path, make, problem):
    path = make(tmp_path)
    proc = _run("parse", str(path))
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and problem in lines[0].lower()
    assert "Traceback" not in proc.stderr


def test_gb18030_file_parses_like_its_utf8_twin(tmp_path):
    src = TXT / "shanghai_tandafeng_shishi_fangan.txt"
    twin = tmp_path / "shanghai_tandafeng_shishi_fangan.txt"
    twin.write_bytes(src.read_text(encoding="utf-8").encode("gb18030"))
    from policykg.extractor import parse_file
    a, b = parse_file(src), parse_file(twin)
    assert [(m.path, m.title, [u.name for u in m.units]) for m in a.measures] == \
           [(m.path, m.title, [u.name for u in m.units]) for m in b.measures]


def test_text_without_measures_gives_plan_and_warning():
    from policykg.extractor import parse
    plan = parse("关于做好节能工作的通知\n各单位要高度重视节能工作，认真抓好落实。\n")
    assert plan.measures == []
    assert any(w.code == "no-measures" for w in plan.warnings)


def test_text_command_prints_the_decoded_text():
    result = CliRunner().invoke(cli, ["text", str(QINGYANG)])
    assert result.output == QINGYANG.read_text(encoding="utf-8")


def test_help_does_not_import_heavy_libraries():
    code = ("import sys; from policykg.cli import cli\n"
            "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit: pass\n"
            "heavy = [m for m in ('spacy', 'jieba', 'rdflib', 'neo4j', 'pypdfium2', 'networkx') if m in sys.modules]\n"
            "print('HEAVY:' + ','.join(heavy))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert proc.stdout.strip().splitlines()[-1] == "HEAVY:", proc.stdout


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
