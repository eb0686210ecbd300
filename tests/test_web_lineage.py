"""The web pages of plans in their hierarchy, served for real: the lineage and chain comparison
of a plan, the coverage of the national actions, and their JSON equal to the CLI's."""
from __future__ import annotations

import pytest

from tests.test_chain import city, province
from tests.web_server import build_store, cli_json, start_server, stop_server


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("web-lineage") / "store", [province(), city()])


@pytest.fixture(scope="module")
def server(store):
    running = start_server(store)
    yield running
    stop_server(running)


def test_lineage_page_shows_the_parent_and_the_weaker_target(server):
    page = server.page("/plan/city/lineage")
    assert "本方案落实的上级方案" in page and "/plan/province" in page
    assert '<tr class="weaker"><td>非化石能源消费比重</td>' in page and "低于上级" in page
    assert "绝对量，不比较" in page  # 光伏装机容量 of a city against its province
    assert "m3 加强森林资源保护" in page and "本方案新增措施：m2 发展数字经济" in page


def test_the_plan_page_links_to_its_lineage(server):
    assert "/plan/city/lineage" in server.page("/plan/city")


def test_lineage_and_chain_api_equal_the_cli(server, store):
    assert server.json("/api/lineage", plan="city") == cli_json("lineage", "city", "--store", str(store))
    chain = server.json("/api/chain", plan="city")
    assert chain == cli_json("compare", "city", "--with-parents", "--format", "json", "--store", str(store))


def test_coverage_page_and_api(server, store):
    page = server.page("/coverage")
    assert "国家碳达峰十大行动的覆盖" in page and "2 个有措施的方案" in page
    assert server.json("/api/coverage") == cli_json("coverage", "--format", "json", "--store", str(store))


def test_lineage_of_an_unknown_plan_is_not_found(server):
    status, _, _ = server.get("/plan/nowhere/lineage")
    assert status == 404
