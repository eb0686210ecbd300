"""Shared fixtures: where the shared corpus lives, and the Qingyang plan parsed once per session."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"
TXT = SHARED / "txt"
PDF = SHARED / "pdf"
BULK = SHARED / "bulk"
BULK2 = SHARED / "bulk2"
QINGYANG = REPO / "corpus" / "qingyang_tandafeng_2024.txt"


@pytest.fixture(scope="session")
def qingyang_plan():
    from policykg.extractor import parse_file
    return parse_file(QINGYANG)


@pytest.fixture(scope="session")
def corpus_plans():
    """Every text plan of the shared corpus, parsed once."""
    from policykg.extractor import parse_file
    return [parse_file(p) for p in sorted(TXT.glob("*.txt"))]
