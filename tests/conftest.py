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


def corpus_files(folder: Path, pattern: str, at_least: int) -> list[Path]:
    """The corpus files of ``folder`` matching ``pattern``; the test fails (never passes on an
    empty list, never skips) when the shared corpus is not there."""
    found = sorted(folder.glob(pattern))
    if len(found) < at_least:
        pytest.fail(f"the shared corpus is missing: {len(found)} {pattern} files in {folder}, "
                    f"expected at least {at_least} (tests read ../shared/corpus beside the checkout)")
    return found


@pytest.fixture(scope="session")
def corpus_plans():
    """Every text plan of the shared corpus, parsed once."""
    from policykg.extractor import parse_file
    return [parse_file(p) for p in corpus_files(TXT, "*.txt", 14)]
