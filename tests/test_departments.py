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
