"""Raw Cypher from the user: refused when it would write. (The named queries' Cypher texts are
the ``.cypher`` files in each query's folder.)"""
from __future__ import annotations

import re


class WriteRefused(ValueError):
    """Raw Cypher that would change the graph."""


# Neo4j ends a // comment at \n or \r
_LITERALS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n\r]*|/\*.*?\*/",
                       re.DOTALL)
_WRITES = re.compile(r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH|LOAD|CALL|INSERT|ALTER|"
                     r"RENAME|GRANT|DENY|REVOKE|START|STOP|TERMINATE|ENABLE|DEALLOCATE|REALLOCATE)\b",
                     re.IGNORECASE)


def check_read_only(cypher: str) -> None:
    """Refuse clauses that write (and procedure calls, which may), outside strings and comments.

    The driver also runs raw Cypher in a read transaction, which Neo4j enforces; this check
    covers servers that do not (FalkorDB) and gives a clear message before anything is sent.
    """
    if found := _WRITES.search(_LITERALS.sub(" ", cypher)):
        raise WriteRefused(f"raw Cypher must only read; {found.group(1).upper()} is not allowed")
