"""The inputs every stage measures on, read once per run and shared between stages.

The corpus lives beside the repository (``../shared/corpus``); it is never copied into it.
Parsing the text corpus and building its graph is done once here, so the graph, store, RDF and
Bolt stages all measure the same graph without each paying for the parse again.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .core import Settings, Skip

if TYPE_CHECKING:
    import networkx as nx

    from policykg.extractor.model import Plan

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("POLICYKG_CORPUS", REPO.parent / "shared" / "corpus"))


@dataclass(frozen=True)
class Text:
    """One plan's text with the id it is parsed under."""
    stem: str
    text: str


def read_texts(folder: Path | None = None) -> list[Text]:
    """Every ``*.txt`` plan of the corpus, in name order."""
    folder = folder or CORPUS / "txt"
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise Skip(f"no text plans in {folder}")
    return [Text(p.stem, p.read_text(encoding="utf-8")) for p in paths]


def pdf_paths(folder: Path | None = None) -> list[Path]:
    """Every PDF plan of the corpus, in name order."""
    folder = folder or CORPUS / "pdf"
    paths = sorted(folder.glob("*.pdf"))
    if not paths:
        raise Skip(f"no PDF plans in {folder}")
    return paths


def parse_all(texts: list[Text], copy: int | None = None) -> list["Plan"]:
    """Parse each text; ``copy`` gives each plan a distinct id (``<stem>-x<copy>``)."""
    from policykg.extractor import parse

    suffix = "" if copy is None else f"-x{copy}"
    return [parse(t.text, plan_id=f"{t.stem}{suffix}".replace("_", "-")) for t in texts]


@dataclass
class Context:
    """Settings plus the corpus, its plans and its graph, each made on first use."""
    settings: Settings = field(default_factory=Settings)

    @property
    def runs(self) -> int:
        return self.settings.runs

    @cached_property
    def texts(self) -> list[Text]:
        return read_texts()

    @cached_property
    def plans(self) -> list["Plan"]:
        return parse_all(self.texts)

    @cached_property
    def graph(self) -> "nx.MultiDiGraph":
        from policykg.graph.build import build_graph
        return build_graph(self.plans)

    @cached_property
    def store_dir(self) -> Path:
        """A temporary store holding the corpus plans; removed by ``close``."""
        from policykg.graph.store import Store

        self._scratch = tempfile.TemporaryDirectory(prefix="policykg-bench-")
        with Store.create(self._scratch.name) as store:
            store.put(self.plans)
        return Path(self._scratch.name)

    def close(self) -> None:
        scratch = self.__dict__.pop("_scratch", None)
        if scratch is not None:
            scratch.cleanup()
