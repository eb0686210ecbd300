"""The HTML comparison renders in headless Chromium: a screenshot shows the bar charts and the
coverage heat map drawn (their colours cover the area the SVG gives them), offline. Chromium is
part of the test set-up (``.ci/setup`` installs it), so without it these tests fail, never skip."""
from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter

import pytest

from policykg.queries.compare import compare
from policykg.queries.compare_formats.html import render
from policykg.queries.compare_formats.rows import target_rows
from tests.conftest import TXT

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WIDTH, HEIGHT = 1200, 7000


@pytest.fixture(scope="module")
def comparison(qingyang_plan):
    from policykg.extractor import parse_file
    return compare([qingyang_plan, parse_file(TXT / "shanghai_tandafeng_shishi_fangan.txt")])


@pytest.fixture(scope="module")
def screenshot(comparison, tmp_path_factory):
    if CHROMIUM is None:
        pytest.fail("headless Chromium is not installed (apt-get install -y chromium; .ci/setup does)")
    from PIL import Image as PIL
    folder = tmp_path_factory.mktemp("browser")
    page, shot = folder / "compare.html", folder / "compare.png"
    page.write_text(render(comparison), encoding="utf-8")
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                    f"--user-data-dir={folder / 'profile'}", "--force-device-scale-factor=1",
                    f"--window-size={WIDTH},{HEIGHT}", f"--screenshot={shot}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    image = PIL.open(shot).convert("RGB")
    return Counter({color: n for n, color in image.getcolors(maxcolors=WIDTH * HEIGHT)})


PLAN_COLOURS = ((31, 111, 235), (232, 89, 12))
"""#1f6feb and #e8590c, the first two colours of the palette: Qingyang's and Shanghai's bars."""
DARKEST = (11, 83, 148)
"""The heat map's colour for the largest count."""


def test_bar_charts_are_drawn(comparison, screenshot):
    shared = [r for r in target_rows(comparison) if r.shared]
    assert len(shared) == 4       # 单位地区生产总值能耗, 生活垃圾回收利用率, 非化石能源消费比重 ×2
    for colour in PLAN_COLOURS:   # one colour per plan, both plans have bars
        # every shared row draws a 22 px high bar per plan; the shortest here is over 150 px long
        assert screenshot[colour] >= len(shared) * 22 * 150, colour


def test_heat_map_cells_are_drawn(comparison, screenshot):
    page = render(comparison)
    fills = re.findall(r'<rect class="cell" [^>]*fill="#([0-9a-f]{6})"', page)
    assert len(fills) == 2 * 12                     # two plans, ten actions + 政策保障 + 其他
    shades = {tuple(int(f[i:i + 2], 16) for i in (0, 2, 4)): fills.count(f) for f in set(fills)}
    assert DARKEST in shades and len(shades) > 2     # the largest count, and counts that differ
    cell_area = 118 * 24
    for shade, cells in shades.items():
        # the cell's number is printed on it, so a little less than the full area keeps the fill
        assert screenshot[shade] >= cells * cell_area * 0.8, (shade, cells, screenshot[shade])
