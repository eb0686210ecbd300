"""Inputs that once ended in a traceback (issue 12, findings 4 and 7): each now parses, or fails
in one line naming the file and the problem with exit code 2."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import cli, main
from policykg.extractor import parse, parse_file
from policykg.extractor.errors import PlanInputError

from .conftest import QINGYANG
from .pdf_samples import lzw_encode, write_pdf

PLAN = "某区碳达峰实施方案\n三、重点任务\n（一）推进行动\n1．推进工业节能。（责任单位：区发展改革局、区住建局）\n"


def _policykg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300)


def _main(monkeypatch, capsys, *args: str) -> tuple[int, list[str]]:
    """Run the ``policykg`` entry point in this process (so a monkeypatch holds); its exit code
    and standard error lines."""
    monkeypatch.setattr(sys, "argv", ["policykg", *args])
    with pytest.raises(SystemExit) as done:
        main()
    return done.value.code, capsys.readouterr().err.strip().splitlines()


def _spans_inside(plan, text: str) -> None:
    for measure in plan.measures:
        a, b = measure.span
        assert 0 <= a < b <= len(text)
        assert text[a:b].startswith(f"{measure.number}．")
        for unit in measure.units:
            assert text[slice(*unit.span)] == unit.raw
    for warning in plan.warnings:
        if warning.span:
            assert 0 <= warning.span[0] <= warning.span[1] <= len(text)


# --- text -------------------------------------------------------------------------------------

def test_a_text_over_a_million_characters_is_parsed_whole():
    """spaCy refused it (E088)."""
    body = "坚持节约优先，推进能源消费低碳化，" * 60
    groups = "一二三四五六七八九十"
    text = "某区碳达峰实施方案\n三、重点任务\n" + "".join(
        f"（{group}）推进第{g}组行动\n" + "".join(
            f"{n}．推进第{g}组第{n}项改造。{body}（责任单位：区发展改革局、区住建局）\n" for n in range(1, 100))
        for g, group in enumerate(groups, 1))
    assert len(text) > 1_000_000
    plan = parse(text)
    assert len(plan.measures) == 990
    last = plan.measures[-1]
    assert (last.path, last.title) == ("三/（十）/99", "推进第10组第99项改造")
    assert [(u.name, u.role) for u in last.units] == [("区发展改革局", "lead"), ("区住建局", "support")]
    assert text[slice(*last.span)] == f"99．推进第10组第99项改造。{body}（责任单位：区发展改革局、区住建局）\n"
    _spans_inside(plan, text)


def test_a_unit_clause_cut_off_by_the_end_of_the_text(tmp_path):
    """Its span once ran one character past the text ("span outside the source text")."""
    guarantees = "五、保障措施\n（一）加强组织领导。及时报告。（责任单位：市发展改革委、市委组织部、各有关部"
    plan = parse(guarantees)
    [clause] = [w for w in plan.warnings if w.code == "unit-outside-action"]
    assert guarantees[slice(*clause.span)] == "（责任单位：市发展改革委、市委组织部、各有关部"
    measure = "某区碳达峰实施方案\n三、重点任务\n（一）推进行动\n1．加强节能。\n2．推进改造。（责任单位：市发展改革委、各有关部"
    plan = parse(measure)
    assert [(u.name, u.role) for u in plan.measures[1].units] == [("市发展改革委", "lead"), ("各有关部", "support")]
    _spans_inside(plan, measure)
    path = tmp_path / "cut.txt"
    path.write_text(guarantees, encoding="utf-8")
    result = _policykg("parse", str(path))
    assert result.returncode == 0, result.stderr


def test_lone_surrogates_are_refused_through_the_python_api():
    with pytest.raises(PlanInputError) as refused:
        parse("三、重点任务\n（一）推进\ud800行动\n")
    assert str(refused.value) == "the text holds a lone surrogate (U+D800) at character 12: not Unicode text"


# --- file names and folders -------------------------------------------------------------------

def _folder_with_a_non_utf8_name(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "good.txt").write_text(PLAN, encoding="utf-8")
    with open(os.fsencode(folder) + b"/bad\xff.txt", "wb") as out:
        out.write(PLAN.encode("utf-8"))
    return folder, os.fsdecode(os.fsencode(folder) + b"/bad\xff.txt")


def test_a_file_name_that_is_not_utf8_is_reported_and_the_others_kept(tmp_path, monkeypatch, capsys):
    """It once failed the whole batch at the first write: ``build`` stored none of the plans and
    ``parse -o`` left an empty file."""
    import json

    folder, bad = _folder_with_a_non_utf8_name(tmp_path)
    problem = (f"{folder}/bad\\xff.txt: the file name is not UTF-8; rename the file "
               "(convmv -f gbk -t utf-8 converts names from GBK)")
    with pytest.raises(PlanInputError, match="not UTF-8"):
        parse_file(bad)
    output = tmp_path / "plans.json"
    code, errors = _main(monkeypatch, capsys, "parse", str(folder), "-o", str(output), "--workers", "1")
    assert code == 1
    assert errors == [f"Error: {problem}", "1 parsed, 1 failed"]
    assert [plan["id"] for plan in json.loads(output.read_text(encoding="utf-8"))] == ["good"]
    store = tmp_path / "store"
    code, errors = _main(monkeypatch, capsys, "build", str(folder), "--store", str(store), "--workers", "1")
    assert code == 1
    assert errors == [f"Error: {problem}"]
    assert [p.id for p in _stored(store)] == ["good"]
    code, errors = _main(monkeypatch, capsys, "parse", bad)
    assert (code, errors) == (2, [f"Error: {problem}"])


def _stored(store: Path):
    from policykg.graph.store import Store

    with Store.open(store) as opened:
        return opened.plans()


def test_a_folder_1100_deep_is_walked(tmp_path):
    """The walk once recursed and hit Python's recursion limit."""
    deep = leaf = tmp_path / "deep"
    deep.mkdir()
    for _ in range(1100):
        leaf = leaf / "d"
        leaf.mkdir()
    (leaf / "plan.txt").write_text(PLAN, encoding="utf-8")
    try:
        result = _policykg("parse", str(deep), "--format", "md")
    finally:   # pytest's clean-up (shutil.rmtree) recurses too, so the folders go here
        (leaf / "plan.txt").unlink()
        while leaf != tmp_path:
            leaf.rmdir()
            leaf = leaf.parent
    assert result.returncode == 0, result.stderr
    assert "推进工业节能" in result.stdout
    assert result.stderr.strip().splitlines() == ["1 parsed, 0 failed"]


# --- PDF --------------------------------------------------------------------------------------

BODY = [("text", 90, 700, 16, "一、总体要求。坚持节约优先，推进能源消费低碳化。")]


def test_a_pdf_whose_only_text_is_a_running_head(tmp_path):
    """Every line was dropped as page furniture, then a median of nothing raised StatisticsError."""
    head = [("text", 90, 800, 12, "某某市人民政府办公室文件第一号")]
    path = tmp_path / "heads.pdf"
    write_pdf(path, [head, head, head])
    result = _policykg("parse", str(path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: {path}: no text but lines repeated on every page (running heads, page numbers)"]


def test_a_pdf_page_that_cannot_be_loaded_is_left_out_with_a_warning(tmp_path):
    """One broken page object once lost the whole file to a PdfiumError."""
    path = tmp_path / "broken.pdf"
    write_pdf(path, [BODY, None, [("text", 90, 700, 16, "二、重点任务。推进能源消费低碳化。")]])
    plan = parse_file(path)
    assert [(w.code, w.message) for w in plan.warnings if w.code == "pdf-page-unread"] == [
        ("pdf-page-unread", "page 2: not read (Failed to load page), left out")]
    text = _policykg("text", str(path))
    assert text.returncode == 0, text.stderr
    assert "坚持节约优先" in text.stdout and "二、重点任务" in text.stdout
    write_pdf(path, [None, None])
    with pytest.raises(PlanInputError) as refused:
        parse_file(path)
    assert str(refused.value) == f"{path}: no page could be loaded (Failed to load page)"


def _refused_under_then_read(bomb: Path, cap: int, room: int) -> None:
    """``bomb`` is refused in one line under a cap of ``cap`` MB, and read whole under ``room`` MB."""
    result = _policykg("parse", str(bomb), env={"POLICYKG_MAX_INFLATED_MB": str(cap)})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: {bomb}: PDF streams expand to more than the {cap} MB cap (POLICYKG_MAX_INFLATED_MB raises it)"]
    text = _policykg("text", str(bomb), env={"POLICYKG_MAX_INFLATED_MB": str(room)})
    assert text.returncode == 0, text.stderr
    assert "坚持节约优先" in text.stdout   # the file is a real PDF: pdfium reads its text


def test_a_pdf_flate_bomb_is_refused_under_the_cap(tmp_path):
    """A 408 KB PDF once inflated to 861 MB in memory."""
    bomb = tmp_path / "bomb.pdf"
    write_pdf(bomb, [BODY], padding_mb=24)
    assert bomb.stat().st_size < 100_000
    _refused_under_then_read(bomb, 8, 32)


def test_an_encrypted_pdf_flate_bomb_is_refused_under_the_cap(tmp_path):
    """Encrypted streams are not zlib data until decrypted: the count decrypts them first."""
    from policykg.extractor.readers.pdf_streams import inflated_size

    bomb = tmp_path / "locked-bomb.pdf"
    write_pdf(bomb, [BODY], padding_mb=24, encrypt=True)
    data = bomb.read_bytes()
    assert b"/Encrypt" in data and zlib.compress(bytes(1 << 20), 9)[:64] not in data
    assert 24 << 20 <= inflated_size(data, 1 << 30) < 25 << 20
    _refused_under_then_read(bomb, 8, 32)


def test_the_objects_of_an_encrypted_file_are_found_by_their_headers():
    """Each stream of an encrypted PDF is decrypted with its object's number and generation."""
    from policykg.extractor.readers.pdf_streams import _objects

    data = b"%PDF\n12 0 obj\n<<>>\nendobj\n3 \t7\n\x00obj 4 0 objective x5 0 obj 123456789012 0 obj 6 123456 obj"
    assert _objects(data) == [(5, 13, 12, 0), (26, 35, 3, 7), (51, 58, 5, 0)]
    assert _objects(b"9 0 obj") == [(0, 7, 9, 0)] and _objects(b"obj 9 obj") == []


def test_an_lzw_bomb_is_counted_without_decoding_it(tmp_path):
    """LZW can expand more than zlib; its count keeps entry lengths, not bytes."""
    from pdfminer.lzw import lzwdecode

    from policykg.extractor.readers.pdf_streams import inflated_size

    for data in (b"", b"TOBEORNOTTOBEORTOBEORNOT" * 50, bytes(range(256)) * 80, b"ab" * 40000):
        encoded = lzw_encode(data)
        assert lzwdecode(encoded) == data   # the test's encoder agrees with pdfminer's decoder
        assert inflated_size(b"1 0 obj << /Filter /LZWDecode >> stream\n" + encoded, 1 << 30) == len(data)
    # a dictionary padded past any fixed window, and one that names LZW over a zlib stream
    padded = b"1 0 obj << /Filter /LZWDecode /Pad (" + b"x" * 5000 + b") >> stream\n"
    assert inflated_size(padded + lzw_encode(bytes(1 << 20)), 1 << 30) == 1 << 20
    assert inflated_size(padded + zlib.compress(bytes(2 << 20)), 1 << 30) == 2 << 20
    bomb = tmp_path / "lzw-bomb.pdf"
    write_pdf(bomb, [BODY], padding_mb=3, lzw=True)
    assert bomb.stat().st_size < 10_000
    _refused_under_then_read(bomb, 2, 8)


def test_inflated_size_counts_every_layer_and_only_zlib_data():
    from policykg.extractor.readers.pdf_streams import inflated_size

    zeros = bytes(3 << 20)
    once = zlib.compress(zeros)
    twice = zlib.compress(once)
    assert inflated_size(b"1 0 obj << /Length 9 0 R >> stream\n" + once + b"\nendstream endobj", 1 << 30) == 3 << 20
    assert inflated_size(b"stream\r\n" + twice + b"\nendstream", 1 << 30) == len(once) + (3 << 20)
    assert inflated_size(b"stream\nBT /F1 12 Tf ET\nendstream\nendstream\n" + once, 1 << 30) == 0
    assert 1 << 20 < inflated_size(b"stream\n" + once + b"stream\n" + once, 1 << 20) < 3 << 20


def test_a_stream_read_no_further_than_endstream_is_bounded_by_deflate_s_greatest_ratio():
    """A stream that pdfium and pdfminer read only up to its endstream inflates to at most 1032
    times those bytes: counted so while that fits under the cap, inflated where it does not."""
    from policykg.extractor.readers.pdf_streams import inflated_size

    once = zlib.compress(bytes(3 << 20))
    read = len(once) + 1   # the line feed before endstream is read too
    for dictionary in (b"<< >>", b"<< /Length %d /Filter /FlateDecode >>" % len(once),
                       b"<</Length %d/DecodeParms<</Columns 4>>/Filter[/FlateDecode]>>" % read):
        pdf = b"%PDF-1.4\n7 0 obj\n" + dictionary + b"\nstream\n" + once + b"\nendstream\nendobj\n"
        assert inflated_size(pdf, 1 << 30) == 1032 * read, dictionary
        assert inflated_size(pdf, (3 << 20) + 100) == 3 << 20, dictionary   # inflated: the bound is over
        assert inflated_size(pdf, 1 << 20) > 1 << 20, dictionary            # and a bomb still passes the cap
    # two streams share the room: the longer is inflated until its rest and the shorter one's
    # bound fit, the shorter is bounded (1032 times its 27 bytes), and the sum is at most the cap
    small = zlib.compress(b"BT /F1 12 Tf ET" * 10)
    pdf = (b"1 0 obj << /Length %d >> stream\n%s\nendstream endobj\n" % (len(small), small)
           + b"2 0 obj << >> stream\n" + once + b"\nendstream endobj\n")
    assert len(small) + 1 == 27
    assert (3 << 20) + 1032 * 27 <= inflated_size(pdf, (3 << 20) + 40_000) <= (3 << 20) + 40_000


def test_bounded_streams_that_together_pass_the_cap_are_refused():
    """Each bounded stream is inflated against what the whole cap leaves, not only against its
    share of it: counting nothing of a stream whose share is gone would let 9 MB pass a 7 MB cap."""
    from policykg.extractor.readers.pdf_streams import inflated_size

    def pdf(megabytes: list[int]) -> bytes:
        return b"%PDF-1.4\n" + b"".join(b"%d 0 obj\n<< >>\nstream\n%s\nendstream\nendobj\n"
                                         % (i, zlib.compress(bytes(mb << 20), 9)) for i, mb in enumerate(megabytes, 1))

    for megabytes, cap in (([3, 3, 3], 7), ([3, 3, 3], 8), ([4, 1, 1, 1, 1], 7), ([5, 2, 2], 8)):
        assert inflated_size(pdf(megabytes), cap << 20) > cap << 20, (megabytes, cap)
    assert inflated_size(pdf([3, 3, 3]), 9 << 20) == 9 << 20   # all inflated: exactly 9 MB fits


def test_a_stream_whose_reading_end_is_not_sure_is_inflated_whole():
    """Whatever could make a reader read past the first endstream sends a stream back to being
    inflated whole, to the end of its zlib data."""
    from policykg.extractor.readers.pdf_streams import inflated_size

    once = zlib.compress(bytes(3 << 20))
    twice = zlib.compress(once)
    unsure = [b"7 0 obj << /Length 8 0 R >>\nstream\n",             # the length is another object's
              b"7 0 obj << /Length 99999 >>\nstream\n",              # longer than up to endstream
              b"7 0 obj << /Length 9 /S (obj /Length 9) >>\nstream\n",   # a string may hide a length
              b"7 0 obj << /Len#67th 9 >>\nstream\n",                # so may an escaped name
              b"7 0 obj << /A 1 >> >> << /Length 9 >>\nstream\n",    # not one dictionary
              b"7 0 obj << /Length 9 >>\nstream\r",                  # a reader may start further on
              b"/Xobj << /Length 9 >>\nstream\n"]                    # no object header
    for opening in unsure:
        assert inflated_size(opening + once + b"\nendstream endobj", 1 << 30) == 3 << 20, opening
    # one layer inside another: both are counted, whatever the dictionary
    assert inflated_size(b"7 0 obj << >>\nstream\n" + twice + b"\nendstream endobj", 1 << 30) == len(once) + (3 << 20)
    # an "endstream" that is not a word does not end the reading
    early = b"7 0 obj << >>\nstream\n" + zlib.compress(b"xendstreamx" + bytes(100), 0)
    assert inflated_size(early + b"\nendstream endobj", 1 << 30) == 1032 * (len(early) - 20)


# --- the store --------------------------------------------------------------------------------

def _built(tmp_path: Path, source: Path = QINGYANG) -> Path:
    store = tmp_path / "store"
    assert CliRunner().invoke(cli, ["build", str(source), "--store", str(store), "--workers", "1"]).exit_code == 0
    return store


def test_a_store_path_that_is_a_file_or_a_damaged_store(tmp_path, monkeypatch, capsys):
    plain = tmp_path / "plain"
    plain.write_text("not a store\n")
    code, errors = _main(monkeypatch, capsys, "build", str(QINGYANG), "--store", str(plain), "--workers", "1")
    assert (code, errors) == (2, [f"Error: {plain}: is a file, not a store directory; choose another --store"])
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "policykg.sqlite").write_bytes(b"\x13\x37" * 4096)
    problem = f"Error: {damaged / 'policykg.sqlite'}: not a policykg store (file is not a database)"
    code, errors = _main(monkeypatch, capsys, "build", str(QINGYANG), "--store", str(damaged), "--workers", "1")
    assert (code, errors) == (2, [problem])
    code, errors = _main(monkeypatch, capsys, "who-owns", "交通", "--store", str(damaged))
    assert (code, errors) == (2, [problem])


def test_a_store_locked_by_another_process(tmp_path, monkeypatch, capsys):
    from policykg.graph import store as store_module

    store = _built(tmp_path)
    monkeypatch.setattr(store_module, "LOCK_WAIT", 0.2)
    holder = sqlite3.connect(store / "policykg.sqlite")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        problem = (f"Error: {store / 'policykg.sqlite'}: locked by another process for over 0.2 s "
                   "(a build still running?); try again when it ends")
        for args in (["build", str(QINGYANG), "--store", str(store), "--workers", "1"],
                     ["who-owns", "交通", "--store", str(store)]):
            code, errors = _main(monkeypatch, capsys, *args)
            assert (code, errors) == (2, [problem]), args
    finally:
        holder.close()


def _connect_with(monkeypatch, pragma: str | None = None, read_only: bool = False) -> None:
    """Open every store connection with ``pragma`` run first, or read-only: the faults of a
    full and of a read-only disk, which a test cannot make for real without mounting."""
    from policykg.graph import store as store_module

    connect = sqlite3.connect

    def faulty(path, *args, **kwargs):
        if read_only:
            return connect(f"{Path(path).resolve().as_uri()}?mode=ro", *args, uri=True,
                           **{k: v for k, v in kwargs.items() if k != "uri"})
        db = connect(path, *args, **kwargs)
        db.execute(pragma)
        return db

    monkeypatch.setattr(store_module.sqlite3, "connect", faulty)


def test_a_full_disk_leaves_the_store_as_it_was(tmp_path, monkeypatch, capsys):
    store = _built(tmp_path)
    pages = sqlite3.connect(store / "policykg.sqlite").execute("PRAGMA page_count").fetchone()[0]
    _connect_with(monkeypatch, f"PRAGMA max_page_count = {pages}")
    other = tmp_path / "other.txt"
    other.write_text(PLAN, encoding="utf-8")
    code, errors = _main(monkeypatch, capsys, "build", str(other), "--store", str(store), "--workers", "1")
    assert (code, errors) == (2, [f"Error: {store / 'policykg.sqlite'}: the disk is full (database or disk "
                                  "is full); the store is unchanged"])
    monkeypatch.undo()
    assert [p.id for p in _stored(store)] == ["qingyang-tandafeng-2024"]


def test_a_read_only_store(tmp_path, monkeypatch, capsys):
    store = _built(tmp_path)
    _connect_with(monkeypatch, read_only=True)
    code, errors = _main(monkeypatch, capsys, "build", str(QINGYANG), "--store", str(store), "--workers", "1")
    assert code == 2
    assert errors == [f"Error: {store / 'policykg.sqlite'}: cannot be written (attempt to write a readonly "
                      f"database); check the permissions of {store} or choose another --store"]


# --- exports and servers ----------------------------------------------------------------------

def test_every_export_format_fails_in_one_line(tmp_path, monkeypatch, capsys):
    """neo4j-csv's ExportError once ended in a traceback; every format's failure is one line."""
    from policykg.extractor.serializers import xlsx
    from policykg.graph.export import FORMATS
    from policykg.graph.export.base import ExportError

    store = _built(tmp_path)
    full = (OSError(28, "No space left on device"), "No space left on device")
    unfit = (ExportError("a value the format cannot hold"), "a value the format cannot hold")
    cases = [(name, fault) for name in FORMATS for fault in (full, unfit)] + [("xlsx", full)]
    for name, (fault, problem) in cases:
        def fail(*args, fault=fault):
            raise fault

        if name == "xlsx":
            monkeypatch.setattr(xlsx, "write_workbook", fail)
        else:
            monkeypatch.setattr(FORMATS[name].load().__class__, "write", fail)
        output = tmp_path / f"out-{name}"
        code, errors = _main(monkeypatch, capsys, "export", "--format", name, "-o", str(output),
                             "--store", str(store))
        assert (code, errors) == (2, [f"Error: {output}: {problem}"]), (name, problem)
        monkeypatch.undo()


def test_table_output_shows_markup_in_a_measure_title_as_text(tmp_path):
    source = tmp_path / "markup.txt"
    source.write_text("某区碳达峰实施方案\n三、重点任务\n（一）推进行动\n"
                      "1．推进[/red]措施[x][link=http://e.example]点我[/link]。（责任单位：区发展改革局）\n",
                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["who-owns", "推进", "--store", str(_built(tmp_path, source)), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "推进[/red]措施[x][link=http：//e.example]点我[/link]" in result.output


def test_neo4j_with_an_http_uri_is_refused_in_one_line(tmp_path):
    """The driver took ``http://`` for its HTTP API and raised ModuleNotFoundError (aiohttp)."""
    store = _built(tmp_path)
    problem = ("Error: http://localhost:7474: not a Bolt URI; give bolt://HOST:7687 or neo4j://HOST:7687 "
               "(schemes bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc)")
    for args in (["load", "--store", str(store)], ["query", "who-owns", "交通"]):
        result = CliRunner().invoke(cli, ["neo4j", *args, "--uri", "http://localhost:7474"])
        assert result.exit_code == 2
        assert result.output.strip().splitlines() == [problem]
