"""``policykg serve`` for real: a server process on a free loopback port, every page and API
route over HTTP, the API equal to the CLI's JSON, hostile document text shown as text, and the
review download scored by the evaluator."""
from __future__ import annotations

import html
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from policykg.extractor import parse_file
from policykg.extractor.evaluate import score_plan
from tests.conftest import TXT
from tests.web_server import (HOSTILE_ID, HOSTILE_PIECES, HOSTILE_TEXT, build_store, cli_json,
                              start_server, stop_server)

QINGYANG = "qingyang-tandafeng-2024"
SHANGHAI = "shanghai-tandafeng-shishi-fangan"
FOUR = [QINGYANG, SHANGHAI, "wuhan-lvse-ditan-xunhuan-fazhan-jingji-tixi-shishi-fangan",
        "shijiazhuang-tandafeng-tanzhonghe-gongzuo-shishi-fangan"]


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile_plan.txt"
    path.write_text(HOSTILE_TEXT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory, hostile_file, corpus_plans):
    assert len(corpus_plans) == 14, f"the shared text corpus is missing or changed in {TXT}"
    return build_store(tmp_path_factory.mktemp("web") / "store", [*corpus_plans, parse_file(hostile_file)])


@pytest.fixture(scope="module")
def server(store):
    running = start_server(store)
    yield running
    stop_server(running)


def test_the_server_binds_loopback_only(server):
    assert server.url.startswith("http://127.0.0.1:")


PAGES = [("/", {}), ("/", {"region": "上海市"}), ("/", {"q": "交通运输结构"}), ("/", {"level": "district", "year": "2024"}),
         ("/", {"kind": "实施方案"}), (f"/plan/{QINGYANG}", {}), ("/departments", {}),
         ("/department", {"name": "区发展改革委"}), ("/targets", {}), ("/targets", {"indicator": "非化石"}),
         ("/targets", {"year": "2025", "region": "青羊区"}), ("/compare", {}), ("/compare", {"plans": FOUR})]


@pytest.mark.parametrize("path, params", PAGES)
def test_every_page_answers_in_chinese(server, path, params):
    page = server.page(path, **params)
    assert "政策方案工作台" in page and '<html lang="zh-CN">' in page


@pytest.mark.parametrize("path, params", PAGES)
def test_every_page_answers_in_english_when_asked(server, path, params):
    page = server.page(path, **params, lang="en")
    assert "Policy plan workbench" in page and '<html lang="en">' in page
    assert "政策方案工作台" not in page


def _source_pane(page: str) -> str:
    return page.split('<pre id="source" class="source">', 1)[1].split("</pre>", 1)[0]


def test_the_english_plan_page_keeps_the_plan_in_chinese(server):
    """Only the interface turns English: headings, buttons and vocabularies; the plan's title,
    measures, units, targets' indicators and the source text are as printed."""
    chinese = server.page(f"/plan/{QINGYANG}")
    english = server.page(f"/plan/{QINGYANG}", lang="en")
    for label in ("Review", "Download the review (policykg/gold@1)", "This is not a measure",
                  "Add a missed target", "Issued by", ">lead</span>", ">support</span>", "2025 单位地区生产总值能耗"):
        assert label in english and label not in chinese, label
    for chinese_label in ("审校", "下载审校结果", "这不是一项措施", "发文机关", ">牵头</span>"):
        assert chinese_label in chinese and chinese_label not in english, chinese_label
    for content in ("碳达峰实施方案", "构建绿色高效的交通运输结构", "区住建交局", "交警四分局", "成青府发〔2024〕28号"):
        assert content in english, content
    assert _source_pane(english) == _source_pane(chinese) and "构建绿色高效的交通运输结构" in _source_pane(english)
    assert "≤−10% (vs 2020)" in english   # the value as everywhere, the baseline in English words


def test_the_language_is_remembered_in_a_cookie(server):
    import urllib.request

    with urllib.request.urlopen(server.url + "?lang=en", timeout=60) as answer:
        cookie = answer.headers["Set-Cookie"]
        assert '<html lang="en">' in answer.read().decode("utf-8")
    assert cookie.startswith("lang=en;")
    asked = urllib.request.Request(server.url + "targets", headers={"Cookie": "lang=en"})
    with urllib.request.urlopen(asked, timeout=60) as answer:
        page = answer.read().decode("utf-8")
    assert '<html lang="en">' in page and "<h1>Targets</h1>" in page
    assert 'href="/targets?lang=zh"' in page   # the switch back
    back = urllib.request.Request(server.url + "targets?lang=zh", headers={"Cookie": "lang=en"})
    with urllib.request.urlopen(back, timeout=60) as answer:
        assert "<h1>目标</h1>" in answer.read().decode("utf-8")
        assert answer.headers["Set-Cookie"].startswith("lang=zh;")
    status, _, body = server.get("/api/plans/no-such-plan", lang="en")
    assert status == 404 and json.loads(body) == {"error": "No such plan: no-such-plan"}


def test_plans_are_named_by_title_and_region(server):
    page = server.page("/")
    assert "青羊区｜碳达峰实施方案" in page
    assert "上海市｜加快建立健全绿色低碳循环发展经济体系的实施方案" in page
    assert ">成青府发〔2024〕28号<" in page and ">2024-06-07<" in page


def test_plan_filters(server):
    rows = server.json("/api/plans", region="上海市")
    assert [r["id"] for r in rows] == ["shanghai-jiakuai-jianli-jianquan-lvse-ditan-xunhuan-fazhan-jingji-tixi-shishi-fangan", SHANGHAI]
    assert [r["id"] for r in server.json("/api/plans", q="构建绿色高效的交通运输结构")] == [QINGYANG]
    assert [r["id"] for r in server.json("/api/plans", year="2024", level="district")] == [QINGYANG]
    qingyang = server.json("/api/plans", q="交警四分局")[0]
    assert (qingyang["measures"], qingyang["units"], qingyang["targets"], qingyang["kind"]) == (31, 145, 28, "实施方案")


def test_plans_carry_the_grade_of_policykg_check(server):
    """Each plan's grade and reasons in /api/plans are what ``policykg check --format json`` says of
    its file; the page shows the grade with its reasons, and filters by it."""
    checked = subprocess.run([sys.executable, "-m", "policykg", "check", str(TXT), "--format", "json"],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    by_file = {Path(r["file"]).name: (r["grade"], r["reasons"]) for r in json.loads(checked.stdout)["files"]}
    rows = {r["id"]: r for r in server.json("/api/plans")}
    for pid, row in rows.items():
        if pid != HOSTILE_ID:
            source = Path(server.json(f"/api/plans/{pid}")["source"]["path"]).name
            assert (row["grade"], row["reasons"]) == by_file[source], pid
    assert len(by_file) == 14 and len({g for g, _ in by_file.values()}) > 1
    # Qingyang's parse raises no doubt; a plan graded below A shows why
    assert (rows[QINGYANG]["grade"], rows[QINGYANG]["reasons"]) == ("A", [])
    pid, doubtful = next((p, r) for p, r in sorted(rows.items()) if r["reasons"])
    page = server.page("/")
    row_html = page.split(f'<tr data-plan="{pid}">', 1)[1].split("</tr>", 1)[0]
    assert f'class="grade grade-{doubtful["grade"]}"' in row_html
    assert f'title="{html.escape("；".join(doubtful["reasons"]))}"' in row_html
    assert all(f"<li>{html.escape(reason)}</li>" in row_html for reason in doubtful["reasons"])
    # the grade filter, on the page and in the API
    grade = doubtful["grade"]
    wanted = sorted(p for p, r in rows.items() if r["grade"] == grade)
    assert [r["id"] for r in server.json("/api/plans", grade=grade)] == wanted
    filtered = server.page("/", grade=grade)
    assert sorted(re.findall(r'<tr data-plan="([^"]+)">', filtered)) == wanted
    assert f'<option value="{grade}" selected>' in filtered


def test_static_assets_are_served_from_the_package(server):
    for asset in ("workbench.css", "workbench.js"):
        status, _, body = server.get(f"/static/{asset}")
        assert status == 200 and len(body) > 1000
    page = server.page(f"/plan/{QINGYANG}")
    assert "http://" not in page.split("<main>")[0] and "https://" not in page  # nothing from a CDN


def test_plan_page_puts_the_source_beside_the_measures(server):
    page = server.page(f"/plan/{QINGYANG}")
    assert 'data-key="m12" id="fact-m12"' in page
    assert "构建绿色高效的交通运输结构</button>" in page
    # the measure's own words in the source carry its key, unit words carry the unit's key too
    assert '<span data-f="m12" class="k-measure">12.构建绿色高效的交通运输结构。' in page
    assert '<span data-f="m12 m12-u1" class="k-measure k-unit">区住建交局</span>' in page
    assert "机关事务管理局 read as 区机关事务局 (alias table)" in page  # a warning, where it applies


def test_a_fall_of_at_least_10_percent_reads_as_in_the_cli(server):
    """规上工业单位增加值能耗较2020年下降10%以上 (Qingyang, measure 9): at most −10% as a signed
    change, on the plan page and the targets page alike, as in the CLI and the reports."""
    plan = server.page(f"/plan/{QINGYANG}")
    targets = server.page("/targets", indicator="规上工业单位增加值能耗", plan=QINGYANG)
    for page in (plan, targets):
        assert "≤−10%（较2020年）" in page and "≥−10%" not in page


def test_unknown_plan_and_bad_parameters(server):
    status, _, body = server.get("/plan/no-such-plan")
    assert status == 404 and "没有这个方案：no-such-plan" in body.decode()
    status, _, body = server.get("/api/plans/no-such-plan")
    assert status == 404 and json.loads(body) == {"error": "没有这个方案：no-such-plan"}
    assert server.get("/api/targets", year="twenty")[0] == 400
    assert server.get("/api/who-owns")[0] == 400
    assert server.get("/api/compare", plans=QINGYANG)[0] == 400
    assert server.get("/compare/download.exe", plans=FOUR)[0] == 404


# --- the API gives the CLI's rows ----------------------------------------------------------------

def test_who_owns_in_two_clicks(server):
    """Who owns 构建绿色高效的交通运输结构 in Qingyang: the search finds the plan, the plan page the owners."""
    assert server.json("/api/who-owns", q="构建绿色高效的交通运输结构") == [
        {"plan": QINGYANG, "measure": {"id": "m12", "path": "三/（四）/12", "title": "构建绿色高效的交通运输结构"},
         "lead": ["区住建交局"], "support": ["区规划和自然资源局", "区执法局", "交警四分局"], "joint": []}]


@pytest.mark.parametrize("route, params, cli", [
    ("/api/who-owns", {"q": "交通"}, ["who-owns", "交通"]),
    ("/api/who-owns", {"q": "交通", "plan": SHANGHAI}, ["who-owns", "交通", "--plan", SHANGHAI]),
    ("/api/portfolio", {"dept": "区发展改革委"}, ["portfolio", "区发展改革委"]),
    ("/api/targets", {}, ["targets"]),
    ("/api/targets", {"year": "2025"}, ["targets", "--year", "2025"]),
    ("/api/targets", {"indicator": "非化石", "year": "2030"}, ["targets", "--indicator", "非化石", "--year", "2030"]),
    ("/api/departments", {}, ["departments"]),
    ("/api/departments", {"plan": QINGYANG}, ["departments", "--plan", QINGYANG]),
    ("/api/plans", {}, ["plans"]),
    ("/api/plans", {"region": "武汉市"}, ["plans", "--region", "武汉市"]),
])
def test_api_equals_the_cli_json(server, store, route, params, cli):
    expected = cli_json(*cli, "--store", str(store), "--format", "json")
    assert expected, "the comparison means nothing on an empty answer"
    assert server.json(route, **params) == expected


def test_plan_api_is_the_stored_plan_json(server, store):
    assert server.json(f"/api/plans/{QINGYANG}") == parse_file(TXT / "qingyang_tandafeng_2024.txt").to_dict()


def test_compare_api_equals_the_cli_json(server, store):
    assert server.json("/api/compare", plans=FOUR) == cli_json("compare", *FOUR, "--store", str(store), "--format", "json")


@pytest.mark.parametrize("fmt", ["md", "html", "json", "xlsx"])
def test_compare_downloads_are_the_cli_files(server, store, tmp_path, fmt):
    out = tmp_path / f"compare.{fmt}"
    subprocess.run([sys.executable, "-m", "policykg", "compare", *FOUR, "--store", str(store), "--format", fmt,
                    "-o", str(out)], check=True, capture_output=True)
    status, _, body = server.get(f"/compare/download.{fmt}", plans=FOUR)
    assert status == 200
    if fmt == "xlsx":  # a zip's bytes carry its write time: compare the cells
        assert _cells(body) == _cells(out.read_bytes())
    else:
        assert body == out.read_bytes()


def _cells(xlsx: bytes) -> dict[str, list[tuple]]:
    from openpyxl import load_workbook
    book = load_workbook(io.BytesIO(xlsx))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book}


def test_every_2025_target_across_plans_downloads_as_one_sheet(server):
    """The targets page filtered to 2025 links its rows as one Excel sheet: the rows of
    ``/api/targets?year=2025`` (``policykg targets --year 2025``), one a line, from every plan."""
    page = server.page("/targets", year="2025")
    link = html.unescape(re.search(r'<a href="([^"]+)" id="targets-xlsx">', page).group(1))
    assert link == "/targets/download.xlsx?year=2025"
    status, kind, body = server.request(link)
    assert status == 200 and kind == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    [(title, rows)] = _cells(body).items()
    header, lines = rows[0], rows[1:]
    expected = server.json("/api/targets", year="2025")
    assert title == "targets" and len(lines) == len(expected) > 100
    column = {name: i for i, name in enumerate(header)}
    assert {line[column["target.year"]] for line in lines} == {2025}
    assert len({line[column["plan"]] for line in lines}) >= 10
    qingyang = [line for line in lines if line[column["plan"]] == QINGYANG
                and line[column["target.indicator"]] == "单位地区生产总值能耗"]
    assert [(q[column["target.value"]], q[column["target.unit"]], q[column["target.direction"]])
            for q in qingyang] == [(13, "%", "decrease")]


def test_compare_page_shows_the_four_plans(server):
    page = server.page("/compare", plans=FOUR)
    for label in ("青羊区｜碳达峰实施方案", "上海市｜碳达峰实施方案", "武汉市｜加快建立健全绿色低碳循环发展经济体系实施方案",
                  "石家庄市｜完整准确全面贯彻新发展理念认真做好碳达峰碳中和工作的实施方案"):
        assert label in page
    assert "非化石能源消费比重 · 2025年" in page
    assert '<th class="heat-label">工业领域碳达峰</th>' in page


# --- hostile text ------------------------------------------------------------------------------

@pytest.mark.parametrize("path, params", [
    ("/", {}), (f"/plan/{HOSTILE_ID}", {}), ("/departments", {}), ("/department", {"name": "区<b>发展</b>局"}),
    ("/targets", {}), ("/targets", {"indicator": "<b>可再生能源</b>"}), ("/compare", {"plans": [HOSTILE_ID, QINGYANG]}),
])
def test_hostile_text_is_shown_as_text(server, path, params):
    page = server.page(path, **params)
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>发展" not in page
    shown = html.unescape(page)
    assert any(piece in shown for piece in HOSTILE_PIECES)


def test_hostile_plan_page_shows_every_hostile_piece(server):
    shown = html.unescape(server.page(f"/plan/{HOSTILE_ID}"))
    for piece in HOSTILE_PIECES:
        assert piece in shown


def test_hostile_text_in_the_api_is_json_text(server):
    plan = server.json(f"/api/plans/{HOSTILE_ID}")
    assert plan["measures"][0]["units"][0]["name"] == "区<b>发展</b>局"


# --- review and correct → gold ---------------------------------------------------------------------

def test_uncorrected_gold_scores_one(server):
    status, kind, body = server.get(f"/plan/{QINGYANG}/gold.json")
    assert status == 200 and kind.startswith("application/json")
    gold = json.loads(body)
    assert gold["schema"] == "policykg/gold@1" and gold["source"] == "qingyang_tandafeng_2024.txt"
    assert gold["measures"][11] == {"section": "三/（四）", "number": "12", "title": "构建绿色高效的交通运输结构",
                                    "units": ["区住建交局", "区规划和自然资源局", "区执法局", "交警四分局"],
                                    "lead": ["区住建交局"], "lead_basis": "first_listed"}
    score = score_plan(parse_file(TXT / "qingyang_tandafeng_2024.txt"), gold)
    assert {k: s.f1 for k, s in score.scores.items()} == {"measures": 1.0, "units": 1.0, "leads": 1.0,
                                                         "lead_basis": 1.0, "deadlines": 1.0, "targets": 1.0}
    assert score.misses == []


def test_corrected_gold_scores_below_one_where_corrected(server):
    corrections = {"measures": {"m12": {"units": ["区住建交局", "区规划和自然资源局", "区执法局"]},
                                "m1": {"wrong": True}},
                   "targets": {"t1": {"wrong": True}},
                   "added_targets": [{"scope": "三/（四）/12", "year": 2025, "indicator": "常规公交站点300米覆盖率",
                                      "value": 90, "unit": "%", "comparator": "eq", "direction": "level"}]}
    status, _, body = server.post(f"/plan/{QINGYANG}/gold.json", {"corrections": json.dumps(corrections)})
    assert status == 200
    score = score_plan(parse_file(TXT / "qingyang_tandafeng_2024.txt"), json.loads(body))
    s = score.scores
    assert (s["measures"].tp, s["measures"].fp, s["measures"].fn) == (30, 1, 0)
    assert (s["units"].tp, s["units"].fp, s["units"].fn) == (139, 6, 0)   # m1's five units and 交警四分局
    assert (s["leads"].tp, s["leads"].fp, s["leads"].fn) == (30, 1, 0)
    assert (s["targets"].tp, s["targets"].fp, s["targets"].fn) == (27, 1, 1)
    assert score.misses == [
        "extra unit 三/（四）/12: 交警四分局",
        "extra measure 三/（一）/1 强化绿色低碳发展规划引领",
        "missed target 三/（四）/12 2025 常规公交站点300米覆盖率 90.0% eq level None",
        "extra target 二 2025 非化石能源消费比重 56.0% approx level None",
    ]


def test_bad_corrections_are_refused(server):
    status, _, body = server.post(f"/plan/{QINGYANG}/gold.json", {"corrections": '{"measures": {"m999": {"wrong": true}}}'})
    assert status == 400 and "m999" in body.decode()
    status, _, _ = server.post(f"/plan/{QINGYANG}/gold.json", {"corrections": "not json"})
    assert status == 400


# --- starting up --------------------------------------------------------------------------------

def test_serve_without_a_store_is_one_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "policykg", "serve", "--store", str(tmp_path / "none"), "--port", "0"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"Error: no store in {tmp_path / 'none'} (build one with: "
                                                f"policykg build PATH --store {tmp_path / 'none'})"]


def test_interface_words_live_in_one_data_file():
    """Every label the templates use is in policykg/web/data/ui.json, in Chinese and English,
    and no template or script writes a label of its own (no Chinese outside the data file)."""
    import re
    from importlib import resources

    web = resources.files("policykg.web")
    data = json.loads(web.joinpath("data/ui.json").read_text(encoding="utf-8"))
    assert all(set(entry) == {"zh", "en"} and all(entry.values())
               for group in data.values() for entry in group.values())
    used = set()
    for template in web.joinpath("templates").iterdir():
        text = template.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bL\.(?!format\b)(\w+)", text))
        used |= set(re.findall(r"""\bL\.format\(["'](\w+)["']""", text))
        assert not re.search(r"[\u4e00-\u9fff]", text), template.name
    assert used and used <= set(data["words"]), sorted(used - set(data["words"]))
    script = web.joinpath("static/workbench.js").read_text(encoding="utf-8")
    assert not re.search(r'"[^"\n]*[\u4e00-\u9fff][^"\n]*"', script)   # regexes over the text may
