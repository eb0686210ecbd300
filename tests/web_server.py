"""Helpers for the web tests: a store of the text corpus plus one hostile plan, and a real
``policykg serve`` process on a free loopback port (the tests run in a private network namespace)."""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HOSTILE_TEXT = """<script>alert(1)</script>区碳达峰"><img src=x onerror=alert(2)>实施方案

为推进工作，制定本方案。

一、重点任务

（一）=HYPERLINK("http://evil.example")<script>alert(3)</script>推进绿色发展。
1.+SUM(1,2)"><img src=x onerror=alert(4)>建设低碳园区。到2025年，-2+3<b>可再生能源</b>比重达到50%。（责任单位：区<b>发展</b>局、@SUM(1)局）
2.推进交通绿色转型。到2025年，新能源汽车占比达到30%。（责任单位：区交通局）
"""
HOSTILE_ID = "hostile-plan"
HOSTILE_PIECES = ["<script>", "<img src=x onerror=alert", "<b>发展</b>", "=HYPERLINK(", "@SUM(1)局", "-2+3<b>"]
"""Strings of the hostile plan that must reach every page as text."""


def build_store(directory: Path, plans: list) -> Path:
    """A store of ``plans`` (parsed once per test session), as ``policykg build`` writes it."""
    from policykg.graph.store import Store

    with Store.create(directory) as store:
        store.put(plans)
    return directory


def cli_json(*args: str) -> object:
    """What ``policykg ARGS --format json`` prints, parsed."""
    done = subprocess.run([sys.executable, "-m", "policykg", *args], capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


@dataclass
class Server:
    process: subprocess.Popen
    url: str

    def get(self, path: str, **params: str | list[str]) -> tuple[int, str, bytes]:
        """Status, content type and body of a GET of ``path`` with query ``params``."""
        return self.request(path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else ""))

    def post(self, path: str, form: dict[str, str]) -> tuple[int, str, bytes]:
        return self.request(path, urllib.parse.urlencode(form).encode())

    def request(self, path: str, data: bytes | None = None) -> tuple[int, str, bytes]:
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), data=data, timeout=60) as answer:
                return answer.status, answer.headers.get("Content-Type", ""), answer.read()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers.get("Content-Type", ""), answer.read()

    def json(self, path: str, **params: str | list[str]) -> object:
        status, kind, body = self.get(path, **params)
        assert status == 200 and kind.startswith("application/json"), (status, body[:200])
        return json.loads(body)

    def page(self, path: str, **params: str | list[str]) -> str:
        status, kind, body = self.get(path, **params)
        assert status == 200 and kind.startswith("text/html"), (path, status, body[:300])
        return body.decode("utf-8")


def start_server(store: Path) -> Server:
    """``policykg serve --port 0`` on 127.0.0.1; the first line it prints gives the address."""
    log = tempfile.TemporaryFile()  # the request log; a pipe nobody reads would fill and block
    process = subprocess.Popen([sys.executable, "-m", "policykg", "serve", "--store", str(store), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=log, text=True)
    line = process.stdout.readline()
    if not line.startswith("policykg serve: http://127.0.0.1:"):
        process.kill()
        log.seek(0)
        raise AssertionError(f"the server did not start: {line}{log.read().decode()}")
    return Server(process, line.split()[2])


def stop_server(server: Server) -> None:
    server.process.terminate()
    server.process.wait(timeout=30)
