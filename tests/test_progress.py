"""Long CLI commands draw a progress bar on a terminal and stay quiet when piped."""
from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from tests.web_server import build_store


@pytest.fixture(scope="module")
def store(tmp_path_factory, qingyang_plan):
    return build_store(tmp_path_factory.mktemp("progress") / "store", [qingyang_plan])


def _stderr_on_a_terminal(*args: str) -> str:
    """Run ``policykg ARGS`` with standard error on a pseudo-terminal; return what it drew."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "policykg", *args], stdout=subprocess.DEVNULL,
                               stderr=follower, env={**os.environ, "COLUMNS": "120", "TERM": "xterm"})
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    assert process.wait(timeout=120) == 0
    return drawn.decode("utf-8", "replace")


@pytest.mark.parametrize("fmt, label", [("xlsx", "reading plans"), ("ttl", "writing ttl")])
def test_export_draws_a_bar_on_a_terminal_only(store, tmp_path, fmt, label):
    out = tmp_path / f"out.{fmt}"
    drawn = _stderr_on_a_terminal("export", "--store", str(store), "-o", str(out))
    assert label in drawn and f"wrote {out}" in drawn
    piped = subprocess.run([sys.executable, "-m", "policykg", "export", "--store", str(store), "-o", str(out)],
                           capture_output=True, text=True)
    assert piped.returncode == 0 and label not in piped.stderr
    assert piped.stderr.startswith(f"wrote {out}") and piped.stderr.count("\n") == 1


def test_check_of_a_folder_counts_files_on_a_terminal_only(tmp_path):
    from tests.conftest import TXT

    drawn = _stderr_on_a_terminal("check", "--workers", "1", str(TXT))
    assert "parsing" in drawn and "14/14" in drawn
    piped = subprocess.run([sys.executable, "-m", "policykg", "check", "--workers", "1", str(TXT)],
                           capture_output=True, text=True)
    assert piped.returncode == 0 and piped.stderr == ""


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
    drawn = _stderr_on_a_terminal("check", str(scan))
    assert "OCR" in drawn and "page 1" in drawn and "1/1" in drawn
    piped = subprocess.run([sys.executable, "-m", "policykg", "text", str(scan)],
                           capture_output=True, text=True)
    assert piped.returncode == 0 and piped.stderr == "" and "碳" in piped.stdout
