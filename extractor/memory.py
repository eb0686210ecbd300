"""Pausing Python's cyclic garbage collector around bursts of allocation.

A parse or a graph build allocates many short-lived objects. Each automatic collection that
this triggers also rescans everything the caller keeps alive (hundreds of parsed plans in a
batch), so without a pause the cost per plan grows with the number of plans already held.
Nothing is leaked: the collector runs as usual once the pause ends.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused_collector() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
