"""A comparison as a file in each format it is written in: by ``policykg compare`` and by the web
app's downloads, so both give the same bytes."""
from __future__ import annotations

import io
import json
from typing import Any

FORMATS = ("md", "html", "json", "xlsx")
MIMETYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8",
             "json": "application/json",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def comparison_bytes(comparison: dict[str, Any], fmt: str) -> tuple[bytes, str]:
    """The file's bytes and its media type."""
    if fmt == "xlsx":
        from policykg.compare_xlsx import write_comparison
        out = io.BytesIO()
        write_comparison(comparison, out)
        return out.getvalue(), MIMETYPES[fmt]
    if fmt == "json":
        text = json.dumps(comparison, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        from policykg.queries.report_html import render
        text = render(comparison)
    else:
        from policykg.queries.report_md import render
        text = render(comparison)
    return text.encode("utf-8"), MIMETYPES[fmt]
