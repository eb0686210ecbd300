from policykg.extractor.departments import DepartmentResolver


def test_alias_table_resolves_for_matching_region_only():
    r = DepartmentResolver("青羊区", "成都市青羊区人民政府")
    assert r.resolve("区发展改革委").name == "区发展改革局"
    assert r.resolve("机关事务管理局").name == "区机关事务局"
    other = DepartmentResolver("武侯区", "成都市武侯区人民政府")
    assert other.resolve("区发展改革委").name == "区发展改革委"


def test_bare_name_takes_prefix_used_in_plan():
    r = DepartmentResolver("某区")
    r.observe(["区商务局", "区商务局", "商务局"])
    res = r.resolve("商务局")
    assert res.name == "区商务局" and res.reason


def test_rare_suffix_variant_reads_as_common_one():
    r = DepartmentResolver("某区")
    r.observe(["区统计局"] * 6 + ["区统计委"])
    assert r.resolve("区统计委").name == "区统计局"
    assert r.resolve("区统计局").reason is None


def test_user_alias_folder_extends_the_data(tmp_path, monkeypatch):
    from policykg.extractor import departments
    (tmp_path / "mine.jsonl").write_text('{"region": "某区", "name": "区甲局", "aliases": ["甲局全称"]}\n', encoding="utf-8")
    monkeypatch.setenv("POLICYKG_DEPARTMENTS", str(tmp_path))
    departments.alias_table.cache_clear()
    try:
        assert DepartmentResolver("某区").resolve("甲局全称").name == "区甲局"
    finally:
        monkeypatch.delenv("POLICYKG_DEPARTMENTS")
        departments.alias_table.cache_clear()


# --- identity: region and type, decided once in the extractor --------------------------------

import pytest  # noqa: E402

from policykg.extractor.department_identity import department_region, is_national  # noqa: E402


@pytest.mark.parametrize("name, national", [
    ("国家发展改革委", True), ("国家发展和改革委员会", True), ("工业和信息化部", True),
    ("国家乡村振兴局", True), ("国家发展改革委等部门", True),         # a national prefix, no local word
    ("国家税务总局佛山市税务局", False), ("国家开发银行山东省分行", False), ("市发展改革委", False),
    ("区发展改革局", False),
])
def test_national_bodies(name, national):
    assert is_national(name) is national
    assert department_region(name, "上海市") == ("全国" if national else "上海市")


def test_a_national_alias_reads_as_the_national_name_in_any_plan():
    for region in ("青羊区", "上海市", None):
        assert DepartmentResolver(region).resolve("国家发改委").name == "国家发展改革委"


def test_a_national_body_is_one_node_wherever_it_is_named():
    from policykg.extractor.model import Plan
    from policykg.graph.build import build_graph

    def plan(pid, region, unit):
        return Plan.from_dict({
            "id": pid, "source": {"sha256": "0" * 64, "chars": 50}, "metadata": {"region": region},
            "measures": [{"id": "m1", "section": None, "path": "1", "number": "1", "title": "甲",
                          "text": "甲", "span": [0, 5],
                          "units": [{"name": unit, "raw": unit, "role": "lead",
                                     "lead_basis": "explicit", "span": [1, 3]},
                                    {"name": "市发展改革委", "raw": "市发展改革委", "role": "support",
                                     "lead_basis": "explicit", "span": [3, 5]}]}],
            "departments": [{"name": unit, "lead_of": ["m1"]}, {"name": "市发展改革委", "support_of": ["m1"]}]})

    graph = build_graph([plan("a", "上海市", "国家发展改革委"), plan("b", "重庆市", "国家发展改革委"),
                         plan("c", None, "国家发展改革委")])
    national = [n for n, d in graph.nodes(data=True) if d["type"] == "Department" and d["name"] == "国家发展改革委"]
    assert national == ["department/全国/国家发展改革委"]
    assert graph.nodes[national[0]]["plans"] == ["a", "b", "c"]
    assert graph.nodes["region/全国"]["type"] == "Region"
    city = sorted(n for n, d in graph.nodes(data=True) if d["type"] == "Department" and d["name"] == "市发展改革委")
    assert city == ["department/上海市/市发展改革委", "department/重庆市/市发展改革委",
                    "plan/c/department/市发展改革委"]


def test_invisible_characters_split_no_department_title_or_indicator():
    from policykg.extractor import parse
    from policykg.graph.build import build_graph

    text = ("某区碳达峰\u00ad实施方案\n三、重点任务\n（一）能源行动\n"
            "1．推进节能改造。到2025年，单位GDP能耗\u200e下降15%。（责任单位：区发展\u200b改革局）\n"
            "2．推进绿色建筑。（责任单位：区发展改革局、区住建局）\n")
    plan = parse(text, path="zw.txt")
    assert plan.metadata.title == "某区碳达峰实施方案"
    assert [t.indicator for t in plan.targets] == ["单位GDP能耗"]
    assert [d.name for d in plan.departments] == ["区发展改革局", "区住建局"]
    assert [u.raw for u in plan.measures[0].units] == ["区发展改革局"]
    graph = build_graph([plan])
    names = [d["name"] for _, d in graph.nodes(data=True) if d["type"] == "Department"]
    assert names.count("区发展改革局") == 1


def test_a_bare_name_takes_the_autonomous_region_prefix_the_plan_prints():
    r = DepartmentResolver("广西壮族自治区")
    r.observe(["自治区发展改革委", "发展改革委", "发展改革委"])
    assert r.resolve("发展改革委").name == "自治区发展改革委"


def test_a_name_opening_with_market_is_no_city_bureau():
    """市场监管局 opens with the word 市场, not the rank 市: the plan's 省市场监管局 is meant."""
    r = DepartmentResolver("福建省")
    r.observe(["省市场监管局", "市场监管局", "市场监管局"])
    assert r.resolve("市场监管局").name == "省市场监管局"
    assert r.resolve("市发展改革委").name == "市发展改革委"


@pytest.mark.parametrize("issuer, names", [
    ("省委办公厅、省政府办公厅", ["省委办公厅", "省政府办公厅"]),
    ("甲市住房和城乡建设委员会\t甲市发展和改革委员会", ["甲市住房和城乡建设委员会", "甲市发展和改革委员会"]),
    ("中共云南省委云南省人民政府", ["中共云南省委", "云南省人民政府"]),       # printed without a space
    ("丙市财政局国家税务总局丙市税务局", ["丙市财政局", "国家税务总局丙市税务局"]),
    ("国家税务总局丙市税务局", ["国家税务总局丙市税务局"]),          # a national body's local office
    ("丁市住房和城乡建设局等12部门", ["丁市住房和城乡建设局"]),
    ("国家发展改革委等部门", ["国家发展改革委"]),
    ("中共中央国务院", ["中共中央", "国务院"]),
    ("成都市青羊区人民政府", ["成都市青羊区人民政府"]),
    ("两部门", []), ("关于联合", []),                                  # a misread line names no issuer
])
def test_the_departments_an_issuer_line_names(issuer, names):
    from policykg.extractor.department_identity import issuer_names

    assert issuer_names(issuer) == names


def test_a_joint_issue_is_issued_by_each_department_in_the_graph():
    from policykg.extractor.model import Plan
    from policykg.graph.build import build_graph

    plan = Plan.from_dict({"id": "p", "source": {"sha256": "0" * 64, "chars": 5},
                           "metadata": {"region": "云南省", "issuer": "中共云南省委云南省人民政府"}})
    graph = build_graph([plan])
    issued = sorted(graph.nodes[b]["name"] for a, b, rel in graph.edges(keys=True) if rel == "ISSUED_BY")
    assert issued == ["中共云南省委", "云南省人民政府"]
