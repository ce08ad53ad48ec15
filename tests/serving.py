"""Processes that serve HTTP in tests: a free loopback port, and waiting until the server answers.

Shared by the tests that start a server of their own (the API under uvicorn, `scripts/demo.sh`,
`policygraph serve` from the wheel); importable from every test, since pytest puts `tests/` on the path.
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_answers(url: str, proc: subprocess.Popen[bytes] | subprocess.Popen[str], budget_s: float,
                       output: Callable[[], str], interval_s: float = 0.3) -> None:
    """Poll `url` until it answers 200; raise with `output()` (its log) if `proc` exits or time runs out."""
    deadline = time.monotonic() + budget_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited (code {proc.returncode}):\n{output()[-3000:]}")
        try:
            if httpx.get(url, timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(interval_s)
    raise RuntimeError(f"{url} did not answer within {budget_s:g} s:\n{output()[-3000:]}")
