"""One plan per document, never one id for two: ``build`` and ``Store.add`` decide by the document
(bytes, then title, 文号, date and text), not by the file name (``graph.identity``)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from policykg.cli import cli
from policykg.graph.identity import free_id, same_document
from policykg.graph.store import Store

from .conftest import BULK, PDF, TXT, corpus_files

PLAN_2021 = ("某区碳达峰实施方案\n三、重点任务\n（一）能源行动\n"
             "1．推进工业节能改造。（责任单位：区发展改革局）\n")
PLAN_2022 = ("某区碳达峰实施方案\n三、重点任务\n（一）交通行动\n"
             "1．推进绿色出行，建设公共充电桩。（责任单位：区交通局）\n")


def build(*args) -> "object":
    result = CliRunner().invoke(cli, ["build", *map(str, args), "--workers", "1"])
    assert "Traceback" not in result.output
    return result


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def stored(store: Path) -> dict[str, list[str]]:
    """Each stored plan's id and the files it was read from."""
    with Store.open(store) as opened:
        return {p.id: opened.plan_json(p.id)["source"]["paths"] or [p.source_path]
                for p in opened.plans()}


def test_same_name_different_documents_are_two_plans(tmp_path):
    first = write(tmp_path / "2021" / "实施方案.txt", PLAN_2021)
    second = write(tmp_path / "2022" / "实施方案.txt", PLAN_2022)
    result = build(tmp_path / "2021", tmp_path / "2022", "--store", tmp_path / "s")
    assert result.exit_code == 0, result.output
    digest = hashlib.sha256(second.read_bytes()).hexdigest()[:8]
    assert stored(tmp_path / "s") == {"实施方案": [str(first)], f"实施方案-{digest}": [str(second)]}
    assert "it now holds 2" in result.stdout
    assert f"实施方案 is another document ({first})" in result.stdout
    # built again, each file finds its own plan: ids stay as they are
    again = build(second, first, "--store", tmp_path / "s")
    assert stored(tmp_path / "s") == {"实施方案": [str(first)], f"实施方案-{digest}": [str(second)]}
    assert again.stdout.count("replaces the stored plan") == 2


def test_same_document_under_two_names_is_one_plan_with_both_paths(tmp_path):
    a = write(tmp_path / "a" / "方案.txt", PLAN_2021)
    b = write(tmp_path / "b" / "copy of it.txt", PLAN_2021)
    result = build(a, b, "--store", tmp_path / "s")
    assert result.exit_code == 0, result.output
    assert stored(tmp_path / "s") == {"方案": [str(a), str(b)]}
    line = next(line for line in result.stdout.splitlines() if str(b) in line)
    assert f"{b} is the same document as {a} (identical bytes): one plan, 2 files" in line
    assert "stored 2 files as 1 plan (1 merged, 1 new; 2 measures)" in result.stdout
    with Store.open(tmp_path / "s") as opened:
        node = opened.load_graph().nodes["plan/方案"]
    assert node["source_paths"] == [str(a), str(b)]


def test_a_file_that_now_holds_another_document_replaces_its_plan(tmp_path):
    plan = write(tmp_path / "方案.txt", PLAN_2021)
    build(plan, "--store", tmp_path / "s")
    write(plan, PLAN_2022)
    result = build(plan, "--store", tmp_path / "s")
    assert f"replaces 方案, what {plan} held before (another document)" in result.stdout
    assert "(1 replaced; 1 measures)" in result.stdout
    with Store.open(tmp_path / "s") as opened:
        assert [p.id for p in opened.plans()] == ["方案"]
        assert opened.plan_json("方案")["measures"][0]["title"] == "推进绿色出行，建设公共充电桩"


def test_a_text_and_its_pdf_twin_are_one_plan_and_the_text_is_parsed(tmp_path):
    name = "shenzhen_tanpuhui_tixi_jianshe_gongzuo_fangan"
    pdf, txt = (PDF / f"{name}.pdf").resolve(), (TXT / f"{name}.txt").resolve()   # as stored
    assert pdf.is_file() and txt.is_file(), "the shared corpus is missing"
    result = build(pdf, txt, "--store", tmp_path / "s")   # the PDF first
    assert result.exit_code == 0, result.output
    assert f"{txt} is the same document as {pdf} (same title, 文号, text 100% alike)" in result.stdout
    assert f"the parse of {txt} kept" in result.stdout
    assert stored(tmp_path / "s") == {"shenzhen-tanpuhui-tixi-jianshe-gongzuo-fangan": [str(txt), str(pdf)]}
    with Store.open(tmp_path / "s") as opened:
        source = opened.plan_json("shenzhen-tanpuhui-tixi-jianshe-gongzuo-fangan")["source"]
    assert source["format"] == "txt"


def _byte_identical_pairs() -> list[tuple[Path, Path]]:
    """The bulk PDFs whose bytes are those of a file in pdf/, found by hashing the files."""
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    named = {digest(p): p for p in corpus_files(PDF, "*.pdf", 15)}
    return [(b, named[d]) for b in corpus_files(BULK, "*.pdf", 100) if (d := digest(b)) in named]


def test_the_twelve_bulk_copies_of_pdf_files_are_merged(tmp_path):
    pairs = _byte_identical_pairs()
    assert len(pairs) == 12
    bulk, named = (p.resolve() for p in min(pairs, key=lambda pair: pair[0].stat().st_size))
    result = build(named, bulk, "--store", tmp_path / "s")
    assert f"{bulk} is the same document as {named} (identical bytes): one plan, 2 files" in result.stdout
    assert list(stored(tmp_path / "s").values()) == [[str(named), str(bulk)]]


def test_a_differing_doc_number_or_date_keeps_two_documents_apart(tmp_path):
    from policykg.extractor import parse

    plan = parse(PLAN_2021, path="a.txt")
    twin = parse(PLAN_2021 + "\n", path="b.txt")   # other bytes, same title and text
    assert same_document(twin, plan) == "same title, text 100% alike"
    for field, mine, theirs in (("doc_number", "某府发〔2021〕1号", "某府发〔2022〕3号"),
                                ("written_date", "2021-05-01", "2022-05-01")):
        one = plan.model_copy(update={"metadata": plan.metadata.model_copy(update={field: mine})})
        other = twin.model_copy(update={"metadata": twin.metadata.model_copy(update={field: theirs})})
        assert same_document(other, one) is None
        agreeing = twin.model_copy(update={"metadata": twin.metadata.model_copy(update={field: mine})})
        assert same_document(agreeing, one) is not None


def test_a_free_id_is_the_file_name_or_the_name_and_the_digest():
    from policykg.extractor import parse

    plan = parse(PLAN_2021, path="实施方案.txt")
    digest = plan.source.sha256
    assert free_id(plan, lambda pid: False) == "实施方案"
    assert free_id(plan, lambda pid: pid == "实施方案") == f"实施方案-{digest[:8]}"
    taken = {"实施方案", f"实施方案-{digest[:8]}"}
    assert free_id(plan, taken.__contains__) == f"实施方案-{digest[:9]}"


@pytest.mark.parametrize("text", [PLAN_2022, PLAN_2021.replace("工业节能改造", "建筑节能改造")])
def test_same_title_other_text_is_another_document(text):
    from policykg.extractor import parse

    assert same_document(parse(text, path="b.txt"), parse(PLAN_2021, path="a.txt")) is None



@pytest.mark.parametrize("changed", ["a", "b"])
def test_a_copy_that_changes_leaves_its_plan(tmp_path, changed):
    """b.txt is a copy of a.txt, whose parse the plan holds: a changed b leaves the plan; a
    changed a takes the plan along, and the line says which file to build again."""
    files = {name: write(tmp_path / f"{name}.txt", PLAN_2021) for name in "ab"}
    build(files["a"], files["b"], "--store", tmp_path / "s")
    write(files[changed], PLAN_2022)
    result = build(files[changed], "--store", tmp_path / "s")
    a, b = files["a"], files["b"]
    if changed == "b":
        assert f"{b} left a, which it no longer matches" in result.stdout
        assert stored(tmp_path / "s") == {"a": [str(a)], "b": [str(b)]}
        return
    assert (f"a removed: its parse came from {a}, which now holds another document; "
            f"build {b} again") in result.stdout
    assert stored(tmp_path / "s") == {"a": [str(a)]}
    build(b, "--store", tmp_path / "s")
    assert stored(tmp_path / "s") == {"a": [str(a)], "b": [str(b)]}
