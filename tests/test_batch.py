"""Parsing many files: folders expanded, work spread over processes, every failure reported."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from policykg.extractor import batch
from policykg.extractor.batch import Outcome, collect, parse_many, parse_one, print_summary, summary
from tests.conftest import PDF, TXT

GOOD = ["qingyang_tandafeng_2024.txt", "wuhan_tuidong_jiangtan_ji_fazhan_ditan_chanye_gongzuo_fangan.txt"]


def _mixed_folder(root: Path) -> Path:
    """Two good plans (one in a sub-folder, one as PDF), bad files, and files to be ignored."""
    (root / "sub").mkdir()
    shutil.copy(TXT / GOOD[0], root / GOOD[0])
    shutil.copy(TXT / GOOD[1], root / "sub" / GOOD[1])
    shutil.copy(PDF / "wuhu_fanchangqu_jieneng_jiangtan_ruogan_zhichi_cuoshi.pdf", root / "sub" / "wuhu.PDF")
    (root / "empty.txt").write_bytes(b"")
    (root / "sub" / "binary.docx").write_bytes(b"\x00\x01" * 100)
    (root / "notes.md").write_text("not a plan", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG")
    return root


def test_collect_recurses_into_folders_and_keeps_named_files(tmp_path):
    root = _mixed_folder(tmp_path)
    named = tmp_path / "notes.md"
    found = collect([root, named, root / GOOD[0], tmp_path / "missing.txt"])
    names = [p.relative_to(tmp_path).as_posix() for p in found]
    assert names == ["empty.txt", GOOD[0], "sub/binary.docx", f"sub/{GOOD[1]}", "sub/wuhu.PDF",
                     "notes.md", "missing.txt"]


def test_parse_many_reports_every_file_and_never_stops(tmp_path):
    root = _mixed_folder(tmp_path)
    outcomes = list(parse_many([root, tmp_path / "missing.txt"], workers=2, progress=False))
    by_name = {o.path.name: o for o in outcomes}
    assert [o.path.name for o in outcomes] == ["empty.txt", GOOD[0], "binary.docx", GOOD[1],
                                               "wuhu.PDF", "missing.txt"]
    assert len(by_name[GOOD[0]].plan.measures) == 31
    assert len(by_name[GOOD[1]].plan.measures) == 18
    assert by_name["wuhu.PDF"].plan.source.format == "pdf"
    assert by_name["empty.txt"].error == "empty file"
    assert "DOCX" in by_name["binary.docx"].error
    assert by_name["missing.txt"].error == "no such file"
    assert summary(outcomes) == [
        f"Error: {root / 'empty.txt'}: empty file",
        f"Error: {root / 'sub' / 'binary.docx'}: {by_name['binary.docx'].error}",
        f"Error: {tmp_path / 'missing.txt'}: no such file",
        "3 parsed, 3 failed",
    ]


def test_one_worker_parses_in_process(tmp_path, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("workers=1 must not start processes")

    monkeypatch.setattr(batch, "ProcessPoolExecutor", no_pool)
    outcomes = list(parse_many([TXT / GOOD[0], tmp_path / "missing.txt"], workers=1))
    assert [o.ok for o in outcomes] == [True, False]


def test_no_progress_output_when_not_on_a_terminal(capsys):
    [outcome] = parse_many([TXT / GOOD[1]], workers=1)
    assert outcome.ok, outcome.error   # a plan was parsed (the shared corpus is there)
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_print_summary_goes_to_standard_error(capsys):
    print_summary([Outcome(Path("a.txt"), error="empty file"), Outcome(Path("b.txt"))])
    captured = capsys.readouterr()
    assert captured.err == "Error: a.txt: empty file\n1 parsed, 1 failed\n" and captured.out == ""


def test_parser_errors_become_outcomes(monkeypatch):
    def explode(path, **options):
        raise ValueError("boom")

    monkeypatch.setattr("policykg.extractor.parse_file", explode)
    outcome = parse_one(TXT / GOOD[0])
    assert outcome.error == "parser error: ValueError: boom" and outcome.plan is None


def crash_on_doomed(path: Path) -> Outcome:
    """A task whose worker process dies on files named doomed*: a crash in native code."""
    if path.name.startswith("doomed"):
        os._exit(3)
    return Outcome(path=path, error="fine")


def test_a_crashing_worker_costs_only_its_own_file(tmp_path):
    files = [tmp_path / f"{name}.txt" for name in ("a", "b", "doomed", "c", "d", "e")]
    outcomes = list(batch._parallel(files, 2, task=crash_on_doomed))
    assert [o.path.name for o in outcomes] == [f.name for f in files]
    assert [o.error for o in outcomes] == ["fine", "fine", "the worker process parsing it crashed",
                                           "fine", "fine", "fine"]
