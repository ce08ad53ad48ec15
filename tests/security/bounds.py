"""`within(seconds)`: fail a test that overruns instead of letting it hang CI.

SIGALRM fails the test; should the overrunning work sit in a thread that cannot be interrupted (the
TestClient's portal), a faulthandler watchdog dumps every stack and ends the run a minute later.
"""

from __future__ import annotations

import faulthandler
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import pytest


class Overrun(Exception):
    pass


@contextmanager
def within(seconds: float, what: str = "the call") -> Iterator[None]:
    def expired(signum: int, frame: FrameType | None) -> None:
        raise Overrun(f"{what} took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    faulthandler.dump_traceback_later(seconds + 60, exit=True)
    try:
        yield
    except Overrun as exc:
        pytest.fail(str(exc), pytrace=False)
    finally:
        faulthandler.cancel_dump_traceback_later()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
