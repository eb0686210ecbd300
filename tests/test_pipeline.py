"""The extraction is a real spaCy pipeline: jieba tokens, an entity ruler, components that set spans."""
from policykg.extractor.pipeline import COMPONENTS, build_pipeline, run


def test_pipeline_has_ruler_and_components_in_order():
    nlp = build_pipeline()
    assert nlp.lang == "zh"
    assert nlp.pipe_names == ["entity_ruler", *COMPONENTS]
    assert not nlp.meta.get("vectors", {}).get("width")  # no statistical model pretended


def test_department_names_are_single_jieba_tokens_and_org_entities():
    doc = run("三、重点任务\n（一）甲行动\n1.推进规划。正文内容。（责任单位：区发展改革委、区机关事务管理局）\n")
    tokens = [t.text for t in doc]
    assert "区发展改革委" in tokens
    orgs = {(e.text, e.ent_id_) for e in doc.ents if e.label_ == "ORG"}
    assert ("区发展改革委", "青羊区|区发展改革局") in orgs


def test_components_write_span_groups():
    doc = run("三、重点任务\n（一）甲行动\n1.推进规划。到2025年，绿色出行比例达到72%以上。（责任单位：市经信局、市财政局）\n")
    assert [s.label_ for s in doc.spans["units"]] == ["lead", "support"]
    assert "72%" in doc.spans["targets"][0].text
    assert doc.spans["headings"][-1].label_ == "MEASURE"


def test_a_user_component_can_be_added():
    from spacy.language import Language

    if "count_measures" not in Language.factories:
        @Language.component("count_measures")
        def count_measures(doc):
            doc.user_data["n_measures"] = len(doc._.measures)
            return doc
    pipeline = build_pipeline()
    pipeline.add_pipe("count_measures", last=True)
    try:
        doc = run("二、任务\n（一）甲。正文。\n（二）乙。正文。\n")
        assert doc.user_data["n_measures"] == 2
    finally:
        pipeline.remove_pipe("count_measures")


def test_the_pipeline_called_the_spacy_way_works_on_any_text():
    nlp = build_pipeline()
    for text in ("", "这是一段没有编号措施的说明文字。", "\n\n"):
        doc = nlp(text)
        assert doc._.measures == []
        assert doc._.units == []
        assert [code for code, _, _ in doc._.problems] == ["no-measures"]


def test_problems_are_per_document():
    nlp = build_pipeline()
    first = nlp("说明文字。")
    second = nlp("二、任务\n（一）甲。正文。\n")
    assert len(first._.problems) == 1
    assert second._.problems == []


def test_components_take_their_settings_from_the_config():
    import spacy

    nlp = build_pipeline()
    assert nlp.config["components"]["metadata"]["head_chars"] == 3000
    assert nlp.config["nlp"]["tokenizer"]["segmenter"] == "auto"
    short = spacy.blank("zh")
    short.add_pipe("policykg_metadata", config={"head_chars": 4})
    text = "某市碳达峰实施方案\n\n正文。"
    assert short(text)._.header.values["title"].value == "某市碳达"   # only 4 characters were read
    assert nlp(text)._.header.values["title"].value == "某市碳达峰实施方案"


def test_the_reference_segmenter_gives_the_same_doc():
    text = "三、重点任务\n（一）甲行动\n1.推进规划。正文内容。（责任单位：区发展改革委、区机关事务管理局）\n"
    assert [t.text for t in build_pipeline("jieba")(text)] == [t.text for t in build_pipeline("rjieba")(text)]
