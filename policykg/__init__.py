"""policykg: Chinese government policy plans as a queryable knowledge graph.

The parser is ``policykg.extractor``, the graph and its stores ``policykg.graph``, the named
questions ``policykg.queries``; ``policykg.cli`` is the command line.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    import pandas as pd

    from policykg.extractor.model import Plan
    from policykg.graph.store import Store


def frames(source: "Store | Iterable[Plan]", chinese: bool = False) -> dict[str, "pd.DataFrame"]:
    """The plans' facts as pandas DataFrames, one per table (``plans``, ``sections``, ``measures``,
    ``units``, ``targets``, ``departments``, ``citations``, ``warnings``): the same rows as the
    sheets of ``policykg export --format xlsx``. ``source`` is an open store or parsed plans;
    ``chinese`` names the columns in Chinese. pandas is the optional extra ``policykg[frames]``.
    """
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("policykg.frames needs pandas: pip install 'policykg[frames]'") from None
    from policykg.extractor.serializers.tables import plan_tables

    plans: Any = source
    if hasattr(source, "plan_json"):
        from policykg.extractor.model import Plan
        plans = [Plan.from_dict(source.plan_json(entry.id)) for entry in source.plans()]
    return {t.name: pd.DataFrame(list(t.values()), columns=t.headers(chinese)) for t in plan_tables(plans)}
