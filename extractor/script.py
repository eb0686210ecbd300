"""Traditional and simplified Chinese: detection, and conversion to simplified for matching.

Plans from Taiwan, Hong Kong or Macao, and mainland files re-typed in traditional script, must
match the same cue words and department names as simplified ones. The parser matches on
``to_simplified(text)`` but reports spans and ``raw`` words from the printed text, which only
works if both strings have the same length, position for position.

OpenCC's traditional-to-simplified tables are used through ``opencc-python-reimplemented``:
its ``t2s`` phrase and character tables map every entry to a string of the same length, so the
phrase-aware conversion (乾隆 stays 乾隆, 乾燥 becomes 干燥) keeps positions. The official
``opencc`` binding is faster, but installs under the same module name ``opencc`` and would
replace this one; at the size of a plan (a few 10,000 characters, converted in a few 10 ms) the
speed does not matter. Should a table ever map a phrase to another length, the chunk falls back
to character-by-character conversion, so the length guarantee never depends on the tables.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# Chunks converted as a whole; split at line breaks and sentence ends so that one odd entry
# only sends a short piece to the character-level fallback.
_CHUNK = re.compile(r"[^\n。；]*[\n。；]?")
# How many Chinese characters ``is_traditional`` looks at: enough to be sure, cheap on big files
# (the detection runs on every parse, so it must cost far less than segmentation).
_SAMPLE = 600
_HAN = re.compile(r"[\u4e00-\u9fff]+")


@lru_cache(maxsize=2)
def _converter(config: str):
    from opencc import OpenCC
    return OpenCC(config)


def to_simplified(text: str) -> str:
    """Simplified-script twin of ``text`` with exactly the same length, for matching."""
    t2s = _converter("t2s")
    out = []
    for chunk in _CHUNK.findall(text):
        converted = t2s.convert(chunk)
        if len(converted) != len(chunk):
            converted = "".join(_one_char(t2s, ch) for ch in chunk)
        out.append(converted)
    return "".join(out)


def _one_char(t2s, ch: str) -> str:
    converted = t2s.convert(ch)
    return converted if len(converted) == 1 else ch


def is_traditional(text: str) -> bool:
    """True when the text uses more traditional-only than simplified-only characters.

    Characters shared by both scripts (方, 案, 市) say nothing, so the test counts the characters
    of a sample that OpenCC's character tables would change in each direction. The tables are
    read once into sets, so the test costs next to nothing on every parse.
    """
    sample, size = [], 0
    for run in _HAN.finditer(text):
        sample.append(run.group())
        size += len(run.group())
        if size >= _SAMPLE:
            break
    chars = "".join(sample)
    traditional = sum(ch in _changing("TSCharacters.txt") for ch in chars)
    return traditional > 0 and traditional > sum(ch in _changing("STCharacters.txt") for ch in chars)


@lru_cache(maxsize=2)
def _changing(table: str) -> frozenset[str]:
    """The characters an OpenCC character table maps to something else."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / table
    changing = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        if len(key) == 1 and values and values.split()[0] != key:
            changing.add(key)
    return frozenset(changing)
