"""The workbench in a real headless Chromium (chromedriver): a click on measure 12 of the Qingyang
plan marks exactly its words in the source and scrolls them into view; the compare page of 4
and of 8 plans has no clipped or overlapping labels (element boxes, not pixels); screenshots
show Chinese as glyphs, not as the empty boxes of a missing CJK font."""
from __future__ import annotations

import io
import itertools
import urllib.parse

import pytest

from tests.web_server import build_store, start_server, stop_server
from tests.webdriver import Browser, require_browser

pytestmark = pytest.mark.browser

QINGYANG = "qingyang-tandafeng-2024"
FOUR = [QINGYANG, "shanghai-tandafeng-shishi-fangan", "wuhan-lvse-ditan-xunhuan-fazhan-jingji-tixi-shishi-fangan",
        "shijiazhuang-tandafeng-tanzhonghe-gongzuo-shishi-fangan"]
EIGHT = [*FOUR, "chengdu-youhua-nengyuan-jiegou-cujin-lvse-ditan-xingdong-fangan",
         "nanjing-jiangbeixinqu-tandafeng-tanzhonghe-xingdong-jihua",
         "shanghai-jiakuai-jianli-jianquan-lvse-ditan-xunhuan-fazhan-jingji-tixi-shishi-fangan",
         "wuhan-tuidong-jiangtan-ji-fazhan-ditan-chanye-gongzuo-fangan"]

# measure 12 of corpus/qingyang_tandafeng_2024.txt, from its number to the end of its paragraph
MEASURE_12 = (
    "12.构建绿色高效的交通运输结构。坚持“轨道引领，公交优先”，积极推进成都西站公交化客运适应性改造，"
    "全力配合推进地铁10号线三期、13号线一期、17号线二期、18号线三期、27号线一期等5条线路18个站点建设。"
    "优化常规公交线网，积极推动新开及优化接驳地铁的公交线路，构建快速公交、高峰快线、主干公交、社区公交等"
    "通勤公交体系，在大型商业、公建项目中同步配套建设公交首末站，完善交通枢纽与地铁、公交接驳，提升公共交通"
    "服务水平。以轨道交通为中心全面强化“轨道+公交+慢行”融合发展与高效衔接，加快绿道等慢行系统建设，完善"
    "公共自行车服务系统，规范发展共享单车，实现共享单车与公共交通体系有机有序衔接。创新货物运输模式，强化"
    "货车通行管控，优化区域物流配送体系，鼓励邮政快递企业、城市配送企业创新统一配送、集中配送、共同配送、"
    "夜间配送等集约化运输组织模式，探索设立绿色物流示范区。到2025年，全区常规公交站点300米覆盖率达到85%，"
    "轨道站点周边50米公交接驳站覆盖率达到85%，建成110公里自行车骨干网络，绿色出行比例达到72%以上、绿色出行"
    "服务满意率不低于80%。（责任单位：区住建交局、区规划和自然资源局、区执法局、交警四分局等）\n\n")


@pytest.fixture(scope="module")
def server(tmp_path_factory, corpus_plans):
    require_browser()
    running = start_server(build_store(tmp_path_factory.mktemp("browser") / "store", corpus_plans))
    yield running
    stop_server(running)


@pytest.fixture(scope="module")
def browser(server):
    session = Browser()
    yield session
    session.close()


def _url(server, path: str, plans: list[str] | None = None) -> str:
    return server.url + path.lstrip("/") + ("?" + urllib.parse.urlencode({"plans": plans}, doseq=True) if plans else "")


HITS = """
const hits = [...document.querySelectorAll('#source .hit')];
const pane = document.querySelector('.source-pane').getBoundingClientRect();
const first = hits.length ? hits[0].getBoundingClientRect() : null;
return {text: hits.map(e => e.textContent).join(''),
        visible: !!first && first.top >= pane.top && first.bottom <= pane.bottom,
        scrolled: document.querySelector('.source-pane').scrollTop};
"""


def test_clicking_measure_12_marks_its_words_in_the_source(server, browser):
    browser.open(_url(server, f"/plan/{QINGYANG}"))
    before = browser.run(HITS)
    assert before["text"] == "" and before["scrolled"] == 0
    browser.click("#fact-m12")
    after = browser.run(HITS)
    assert after["text"] == MEASURE_12
    assert after["visible"] and after["scrolled"] > 0      # the source scrolled to the words
    assert browser.run("return document.querySelector('#measure-m12').classList.contains('active')")


def test_who_owns_it_and_where_the_plan_says_so_in_two_clicks(server, browser):
    """The analyst's question: search the plan list for the measure's words, click the plan
    (one), click the measure (two): its units are listed under it, lead first, and the source
    shows the words, with their 责任单位 clause, marked."""
    browser.open(server.url + "?" + urllib.parse.urlencode({"q": "构建绿色高效的交通运输结构"}))
    found = browser.run("return [...document.querySelectorAll('#plans tbody tr')].map(r => r.dataset.plan)")
    assert found == [QINGYANG]
    browser.click(f'#plans tr[data-plan="{QINGYANG}"] a')
    browser.click("#fact-m12")
    units = browser.run("return [...document.querySelectorAll('#measure-m12 .units > *')].map(e => e.textContent)")
    assert units == ["牵头", "区住建交局", "配合", "区规划和自然资源局", "区执法局", "交警四分局"]
    assert browser.run(HITS)["text"] == MEASURE_12


def test_clicking_a_unit_marks_the_unit(server, browser):
    browser.open(_url(server, f"/plan/{QINGYANG}"))
    browser.click('button[data-key="m12-u4"]')
    assert browser.run(HITS)["text"] == "交警四分局"


CLIPPED = """
const selectors = ['.bar-label', '.bar-value', 'figcaption', '.heat-label', '.heat-plan', 'table.heat td',
                   '.legend li', '.load-plan h3', '.load-plan td'];
const width = document.documentElement.clientWidth;
const bad = [];
let checked = 0;
for (const selector of selectors) {
  for (const el of document.querySelectorAll(selector)) {
    checked++;
    const box = el.getBoundingClientRect();
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
      bad.push(['overflows', selector, el.textContent]);
    if (box.left < 0 || box.right > width + 0.5) bad.push(['outside the page', selector, el.textContent]);
  }
}
for (const row of document.querySelectorAll('.bar-row')) {
  const [label, track, value] = [...row.children].map(c => c.getBoundingClientRect());
  if (label.right > track.left + 0.5 || track.right > value.left + 0.5) bad.push(['overlap', 'bar-row', row.textContent]);
}
const heads = [...document.querySelectorAll('table.heat thead th')].map(th => th.getBoundingClientRect());
for (let i = 1; i < heads.length; i++)
  if (heads[i - 1].right > heads[i].left + 0.5) bad.push(['overlap', 'heat header', i]);
return {bad, checked, rows: document.querySelectorAll('.bar-row').length};
"""


@pytest.mark.parametrize("plans", [FOUR, EIGHT], ids=["4 plans", "8 plans"])
def test_compare_page_has_no_clipped_labels(server, browser, plans):
    browser.open(_url(server, "/compare", plans))
    browser.run("document.querySelectorAll('details').forEach(d => d.open = true)")
    result = browser.run(CLIPPED)
    assert result["bad"] == []
    assert result["rows"] > 20 and result["checked"] > 200   # the checks saw the charts


GLYPHS = """
const el = document.querySelector(arguments[0]);
const text = el.firstChild;
const boxes = [];
for (let i = 0; i < text.length && boxes.length < 8; i++) {
  const range = document.createRange();
  range.setStart(text, i); range.setEnd(text, i + 1);
  const r = range.getBoundingClientRect();
  boxes.push([text.data[i], r.left, r.top, r.right, r.bottom]);
}
return boxes;
"""


def _glyphs(browser, selector: str) -> dict[str, bytes]:
    """Each of the first characters of the element's text, cut out of a real screenshot."""
    from PIL import Image

    boxes = browser.run(GLYPHS, selector)
    shot = Image.open(io.BytesIO(browser.screenshot())).convert("L")
    return {ch: shot.crop((round(l), round(t), round(r), round(b))).tobytes() for ch, l, t, r, b in boxes}


@pytest.mark.parametrize("page, selector", [(f"/plan/{QINGYANG}", "h1"), ("/compare", "h1")])
def test_screenshots_show_chinese_glyphs_not_boxes(server, browser, page, selector):
    browser.open(_url(server, page, FOUR if page == "/compare" else None))
    glyphs = _glyphs(browser, selector)
    assert len(glyphs) >= 2
    for ch, pixels in glyphs.items():
        assert min(pixels) < 128, f"{ch} left no ink"
    # a missing font draws every character as the same empty box; real glyphs differ
    for (a, pa), (b, pb) in itertools.combinations(glyphs.items(), 2):
        assert pa != pb, f"{a} and {b} render identically: Chinese shows as boxes (install fonts-noto-cjk)"
