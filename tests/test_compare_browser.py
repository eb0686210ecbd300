"""The HTML comparison renders in headless Chromium: a screenshot shows the bar charts and the
coverage heat map drawn (their colours cover the area the SVG gives them), offline."""
from __future__ import annotations

import os
import shutil
import subprocess
from collections import Counter

import pytest

from policykg.queries.compare import compare
from policykg.queries.compare_formats.html import HEAT_HIGH, HEAT_LOW, PALETTE, render
from policykg.queries.compare_formats.rows import target_rows
from tests.conftest import TXT

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WIDTH, HEIGHT = 1200, 7000


def _rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


@pytest.fixture(scope="module")
def comparison(qingyang_plan):
    from policykg.extractor import parse_file
    return compare([qingyang_plan, parse_file(TXT / "shanghai_tandafeng_shishi_fangan.txt")])


@pytest.fixture(scope="module")
def screenshot(comparison, tmp_path_factory):
    if CHROMIUM is None:
        message = "headless Chromium is not installed (apt-get install -y chromium; .ci/setup does)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it: a missing browser there is a broken set-up
        pytest.skip(message)
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


def test_bar_charts_are_drawn(comparison, screenshot):
    shared = [r for r in target_rows(comparison) if r.shared]
    assert len(shared) >= 3
    for color in PALETTE[:2]:                     # one colour per plan, both plans have bars
        # every shared row draws a 22 px high bar of at least 2 px per plan; most are far longer
        assert screenshot[_rgb(color)] >= len(shared) * 22 * 40, color


def test_heat_map_cells_are_drawn(comparison, screenshot):
    cov = comparison.coverage
    counts = [cov.matrix[p][label] for p in cov.matrix for label in cov.labels]
    top = max(counts)
    # a cell's shade runs linearly from HEAT_LOW (no measure) to HEAT_HIGH (the largest count)
    fills = Counter(tuple(round(lo + (hi - lo) * n / top) for lo, hi in zip(HEAT_LOW, HEAT_HIGH)) for n in counts)
    assert HEAT_HIGH in fills
    cell_area = 118 * 24
    for fill, cells in fills.items():
        # the cell's number is printed on it, so a little less than the full area keeps the fill
        assert screenshot[fill] >= cells * cell_area * 0.8, (fill, cells, screenshot[fill])
    assert fills.keys() - {HEAT_LOW, HEAT_HIGH}          # more than two shades: counts differ
