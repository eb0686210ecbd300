"""Running ``policykg`` with its standard error on a pseudo-terminal, as a user's shell would,
to see what it draws there (progress bars) and compare with what it writes to a pipe."""
from __future__ import annotations

import os
import pty
import subprocess
import sys


def stderr_on_a_terminal(*args: str) -> str:
    """Run ``policykg ARGS`` with standard error on a pseudo-terminal; return what it drew."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "policykg", *args], stdout=subprocess.DEVNULL,
                               stderr=follower, env={**os.environ, "COLUMNS": "120", "TERM": "xterm"})
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    assert process.wait(timeout=120) == 0
    return drawn.decode("utf-8", "replace")
