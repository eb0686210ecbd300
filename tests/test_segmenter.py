"""jieba-rs segments exactly as jieba does, word for word, on the whole text corpus, user words included."""
import logging

import pytest

from policykg.extractor import segmenter as seg
from policykg.extractor.departments import all_names
from policykg.extractor.normalize import normalize
from policykg.extractor.tokenizer import NAME_FREQ

from .conftest import QINGYANG, TXT

# user words as a user dictionary would give them: a new word with a frequency, new words left to
# the engine's suggestion, and a dictionary word given a new frequency
USER_WORDS = {"碳普惠": 30000, "绿电交易": None, "零碳园区": None, "中国": 5}


def _corpus_texts() -> list[str]:
    files = sorted(TXT.glob("*.txt"))
    assert len(files) >= 14, f"the shared text corpus is missing at {TXT}"
    raw = [p.read_text(encoding="utf-8-sig") for p in [*files, QINGYANG]]
    return raw + [normalize(t).text for t in raw]


def _loaded(engine: str):
    s = seg.open_segmenter(engine)
    for name in sorted(all_names()):
        s.add_word(name, NAME_FREQ)
    for word, freq in USER_WORDS.items():
        s.add_word(word, freq)
    return s


def test_rjieba_gives_jiebas_words_on_the_whole_text_corpus():
    rust, reference = _loaded("rjieba"), _loaded("jieba")
    texts = _corpus_texts()
    differing = [i for i, t in enumerate(texts) if rust.cut(t) != reference.cut(t)]
    assert differing == []
    joined = "".join(texts)
    # the user words are really in use: each is one word for both engines
    for word in ("碳普惠", "区发展改革委"):
        assert word in joined
        assert word in rust.cut(joined) and word in reference.cut(joined)


def test_user_words_change_segmentation_the_same_way():
    text = "推进零碳园区和绿电交易，发展碳普惠。"
    rust, reference = _loaded("rjieba"), _loaded("jieba")
    assert rust.cut(text) == reference.cut(text) == ["推进", "零碳园区", "和", "绿电交易", "，", "发展", "碳普惠", "。"]


def test_without_rjieba_auto_falls_back_to_jieba_and_says_so_once(monkeypatch, caplog):
    def missing():
        raise ImportError("No module named 'rjieba'")

    monkeypatch.setattr(seg, "RustSegmenter", missing)
    monkeypatch.setattr(seg, "_noticed", False)
    with caplog.at_level(logging.WARNING, logger="policykg.segmenter"):
        first, second = seg.open_segmenter("auto"), seg.open_segmenter("auto")
    assert first.engine == second.engine == "jieba"
    assert [r.getMessage() for r in caplog.records] == [seg.FALLBACK_NOTICE]


def test_auto_prefers_rjieba_where_installed():
    assert seg.open_segmenter("auto").engine == "rjieba"


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown segmenter 'pkuseg'"):
        seg.open_segmenter("pkuseg")
