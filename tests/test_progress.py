"""Long CLI commands draw a progress bar on a terminal and stay quiet when piped."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import QINGYANG, TXT, corpus_files
from tests.terminal import stderr_on_a_terminal
from tests.web_server import build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory, qingyang_plan):
    return build_store(tmp_path_factory.mktemp("progress") / "store", [qingyang_plan])


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Two plans in a folder: the Qingyang plan and one of the shared corpus."""
    found = tmp_path_factory.mktemp("plans")
    for path in (QINGYANG, corpus_files(TXT, "wuhu_*.txt", 1)[0]):
        (found / path.name).write_bytes(path.read_bytes())
    return found


@pytest.mark.parametrize("fmt, label", [("xlsx", "reading plans"), ("ttl", "writing ttl")])
def test_export_draws_a_bar_on_a_terminal_only(store, tmp_path, fmt, label):
    out = tmp_path / f"out.{fmt}"
    drawn = stderr_on_a_terminal("export", "--store", str(store), "-o", str(out))
    assert label in drawn and f"wrote {out}" in drawn
    piped = subprocess.run([sys.executable, "-m", "policykg", "export", "--store", str(store), "-o", str(out)],
                           capture_output=True, text=True)
    assert piped.returncode == 0 and label not in piped.stderr
    assert piped.stderr.startswith(f"wrote {out}") and piped.stderr.count("\n") == 1


def _piped(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True, text=True)


@pytest.mark.parametrize("command, own_lines", [(["check"], ""), (["parse"], "2 parsed, 0 failed\n"),
                                                (["build", "--store", "{store}"], "")])
def test_folder_commands_draw_a_bar_on_a_terminal_only(folder, tmp_path, command, own_lines):
    """check, parse and build of a folder count the files parsed on a terminal; piped, standard
    error holds only the command's own lines."""
    args = [a.format(store=tmp_path / "store") for a in command] + [str(folder), "--workers", "1"]
    drawn = stderr_on_a_terminal(*args)
    assert "parsing" in drawn and "2/2" in drawn
    piped = _piped(*args)
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == own_lines


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    """Page 1 of a corpus PDF as a scanner would give it: one picture, no text layer."""
    import pypdfium2 as pdfium
    from tests.conftest import PDF

    document = pdfium.PdfDocument(PDF / "chengdu_youhua_nengyuan_jiegou_cujin_lvse_ditan_xingdong_fangan.pdf")
    path = tmp_path_factory.mktemp("scan") / "scan.pdf"
    document[0].render(scale=200 / 72).to_pil().convert("RGB").save(path, resolution=200)
    return path


def test_ocr_of_a_single_file_shows_its_pages_on_a_terminal_only(scan):
    # check (and build) of one file parse it in this process, so its OCR shows page by page
    drawn = stderr_on_a_terminal("check", str(scan))
    assert "OCR" in drawn and "page 1" in drawn and "1/1" in drawn
    piped = subprocess.run([sys.executable, "-m", "policykg", "text", str(scan)],
                           capture_output=True, text=True)
    assert piped.returncode == 0 and piped.stderr == "" and "碳" in piped.stdout
