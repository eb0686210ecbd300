"""Parameters that stay parameters on every Bolt server, and come back byte-exact.

Neo4j sends parameters beside the query and never reads them as Cypher. FalkorDB's Bolt endpoint
(4.16) pastes each one into the query text as a single-quoted literal without escaping it: a
``'`` ends the literal and the rest of the value runs as Cypher, ``\\b`` turns into a backspace,
``a\\`` breaks the statement, a NUL ends the value, and a message over about 4 KB crashes the
server. So a connection is probed once (:func:`inlines_parameters`: a value holding two
backslashes comes back holding one when the server reads it as a literal) and, on such a
server, every string is escaped (:func:`escape_for_literal`) so that the server's own literal
reader gives back the exact value: the value can no longer end its literal, whatever it holds.

Such a server cannot hold a NUL at all (its strings end there): a NUL is sent as U+FFFD and
counted, so the caller can say so. Nor does it keep every float: it prints each into the query
text with a fixed number of decimals (six for FalkorDB 4.16: ``2.5e-07`` comes back ``0.0``), and
its ``toFloat`` of a string reads only single precision. Integers survive whole, and a double is
an integer times a power of two, so :func:`exact_float` sends a float as its 53-bit mantissa and
exponent for :data:`EXACT_FLOAT` to rebuild on the server, bit for bit. :func:`float_decimals`
probes how many decimals a server keeps, so the caller knows which floats need that; the runner
counts the floats still sent plainly that lose digits. Map keys are never escaped; they must be
plain identifiers.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

INLINED_MESSAGE_BYTES = 3500
"""Default byte budget of one statement (query text and parameters, as the server inlines them)
on a server that inlines parameters: FalkorDB crashes on messages over about 4 KB."""

_PROBE = "p\\\\q"
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class ParameterError(ValueError):
    """A parameter that cannot be sent safely (a map key that is not an identifier)."""


def inlines_parameters(session: Any) -> bool:
    """Whether the server behind ``session`` pastes parameters into the query text."""
    record = session.run("RETURN $probe AS probe", {"probe": _PROBE}).single()
    return record is None or record["probe"] != _PROBE


def float_decimals(session: Any) -> int | None:
    """How many decimals of a float the server behind ``session`` keeps; ``None`` when it keeps
    the float exactly (it reads parameters as values)."""
    probe = 1 / 3
    kept = session.run("RETURN $probe AS probe", {"probe": probe}).single()["probe"]
    if kept == probe:
        return None
    return len(repr(float(kept)).partition(".")[2])


EXACT_FLOAT = "$m * 2.0 ^ $e1 * 2.0 ^ $e2"
"""Cypher that rebuilds the float :func:`exact_float` took apart: each step is exact in IEEE
arithmetic (a power of two times an integer below 2**53), and the exponent is applied in two
halves so that neither overflows nor underflows before the result does (subnormals included)."""


def exact_float(value: float) -> dict[str, int]:
    """The integer parameters of :data:`EXACT_FLOAT` that give back exactly ``value`` (finite)."""
    mantissa, exponent = math.frexp(value)
    exponent -= 53
    return {"m": int(mantissa * 2 ** 53), "e1": exponent // 2, "e2": exponent - exponent // 2}


def loses_digits(value: Any, decimals: int | None) -> bool:
    """Whether a server keeping ``decimals`` decimals of a float parameter would change ``value``."""
    return (isinstance(value, float) and decimals is not None and math.isfinite(value)
            and float(f"{value:.{decimals}f}") != value)


def escape_for_literal(text: str) -> str:
    """``text`` as the inside of a single-quoted Cypher literal that reads back as ``text``."""
    return text.replace("\\", "\\\\").replace("'", "\\'").replace("\x00", "\ufffd")


@dataclass
class SafeRunner:
    """A session or transaction whose ``run`` sends parameters so that they stay values.

    ``inlines``: the server pastes parameters into the query (see the module); then strings
    are escaped and NULs replaced (``nul_replaced`` counts the values that held one).
    ``decimals``: the decimals such a server keeps of a float (:func:`float_decimals`);
    ``floats_rounded`` counts the values it will round.
    """
    inner: Any
    inlines: bool
    decimals: int | None = None
    nul_replaced: int = 0
    floats_rounded: int = 0

    def run(self, query: str, parameters: dict[str, Any] | None = None) -> Any:
        return self.inner.run(query, self.encode(parameters or {}))

    def encode(self, value: Any) -> Any:
        if isinstance(value, str):
            if not self.inlines:
                return value
            if "\x00" in value:
                self.nul_replaced += 1
            return escape_for_literal(value)
        if isinstance(value, (list, tuple)):
            return [self.encode(v) for v in value]
        if isinstance(value, dict):
            for key in value:
                if not isinstance(key, str) or not _KEY.match(key):
                    raise ParameterError(f"parameter key {key!r} is not a plain identifier")
            return {key: self.encode(v) for key, v in value.items()}
        if loses_digits(value, self.decimals):
            self.floats_rounded += 1
        return value

    def size(self, value: Any) -> int:
        """Bytes ``value`` takes once encoded (about what an inlining server pastes)."""
        encoded = SafeRunner(None, self.inlines).encode(value)
        return len(json.dumps(encoded, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
