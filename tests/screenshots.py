"""Take the README's screenshots of the workbench: ``python -m tests.screenshots STORE``.

Starts ``policykg serve`` on the store and a headless Chromium, and writes
``docs/workbench-plan.png`` (the Qingyang plan with measure 12 clicked) and
``docs/workbench-compare.png`` (four plans compared). Needs chromium, chromium-driver and
fonts-noto-cjk (the browser test checks the font; without it Chinese shows as boxes).
"""
from __future__ import annotations

import sys
from pathlib import Path

from tests.test_web_browser import FOUR, _url
from tests.web_server import start_server, stop_server
from tests.webdriver import Browser

DOCS = Path(__file__).resolve().parents[1] / "docs"


def main(store: Path) -> None:
    server = start_server(store)
    browser = Browser(1400, 900)
    try:
        browser.open(_url(server, "/plan/qingyang-tandafeng-2024"))
        browser.click("#fact-m12")
        browser.run("document.querySelector('#measure-m12').scrollIntoView({block: 'center'})")
        (DOCS / "workbench-plan.png").write_bytes(browser.screenshot())
        browser.resize(1400, 1500)
        browser.open(_url(server, "/compare", FOUR))
        browser.run("document.querySelector('.legend').scrollIntoView()")
        (DOCS / "workbench-compare.png").write_bytes(browser.screenshot())
    finally:
        browser.close()
        stop_server(server)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
