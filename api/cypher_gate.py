"""At most N user queries at once per process, each answered by its deadline whatever Neo4j does.

A query holds its slot until its worker thread has really finished, not merely until the client got
its 504: a query Neo4j cannot stop keeps counting, so runaway work is bounded by N per process, and the
workers (their own threads, one pooled connection each) never take the threads or connections that
the named reads use. Past the deadline the gate answers 504 itself (an asyncio timeout, independent of
Neo4j) and hands the query to `stop`, which terminates it server-side and checks that it is gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from graph.errors import GraphUnavailable, QueryTimeout, TooManyRequests

log = logging.getLogger("policygraph.api.cypher")
T = TypeVar("T")
STOP_WAIT_S = 0.75  # how long the 504 waits to say whether the query is already gone
STOP_BUDGET_S = 30.0  # how long the stopper keeps terminating and checking in the background


class CypherGate:
    """`size` slots, a worker thread per slot, and a thread per slot that stops overrunning queries."""

    def __init__(self, size: int, timeout_s: float,
                 server_processors: Callable[[], int | None] | None = None) -> None:
        self.configured = size
        self.size = size  # admitted at once: `configured`, at most half of Neo4j's processors once known
        self._server_processors = server_processors
        self._fitted = server_processors is None
        self.timeout_s = timeout_s
        self._lock = threading.Lock()
        self._deadlines: dict[str, float] = {}  # request id -> monotonic deadline, while its slot is held
        self._workers = ThreadPoolExecutor(max_workers=size, thread_name_prefix="user-cypher")
        # one stopper per slot, so a query Neo4j cannot stop never delays stopping the next one
        self._stopper = ThreadPoolExecutor(max_workers=size, thread_name_prefix="user-cypher-stop")

    @property
    def running(self) -> int:
        with self._lock:
            return len(self._deadlines)

    def retry_after(self) -> int:
        """Seconds until a slot should free up: the nearest deadline, or a few seconds if all have passed."""
        now = time.monotonic()
        with self._lock:
            ahead = [d - now for d in self._deadlines.values() if d > now]
        return math.ceil(min(ahead)) if ahead else 2

    def _enter(self, request_id: str) -> bool:
        with self._lock:
            if len(self._deadlines) >= self.size:
                return False
            self._deadlines[request_id] = time.monotonic() + self.timeout_s
            return True

    def _leave(self, request_id: str) -> None:
        with self._lock:
            self._deadlines.pop(request_id, None)

    def fit_to_server(self) -> None:
        """Admit at most half of Neo4j's processors (at least one), once it answers.

        Each runaway query keeps one Neo4j core busy until its deadline; with every core taken, the named
        reads would queue behind them (measured on 2 cores: /quotes p50 2.1x its idle value with 2 slots,
        1.3x with 1). Neo4j down: tried again on the next query.
        """
        if self._fitted or self._server_processors is None:
            return
        try:
            processors = self._server_processors()
        except GraphUnavailable:
            return
        self._fitted = True
        if processors is not None and processors // 2 < self.configured:
            self.size = max(1, processors // 2)
            log.info("user Cypher: %d at once (cypher_concurrency %d, Neo4j has %d processors)",
                     self.size, self.configured, processors)

    async def run(self, work: Callable[[str, threading.Event], T],
                  stop: Callable[[str, Callable[[], bool], float], bool]) -> T:
        """`work(request_id, cancelled)` in a worker; 429 when every slot is taken, 504 at the deadline."""
        if not self._fitted:
            await asyncio.to_thread(self.fit_to_server)
        request_id = uuid.uuid4().hex
        if not self._enter(request_id):
            raise TooManyRequests(
                f"{self.size} user queries are already running in this process; retry shortly",
                self.retry_after())
        cancelled = threading.Event()
        try:
            future = self._workers.submit(work, request_id, cancelled)
        except BaseException:
            self._leave(request_id)
            raise
        future.add_done_callback(lambda _f: self._leave(request_id))
        try:
            # shield: the timeout must not try to cancel the worker's future, only stop waiting for it
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(future)), self.timeout_s)
        except TimeoutError:
            cancelled.set()
            gone = await self._stop(request_id, future, stop)
            state = "it was stopped" if gone else "Neo4j is stopping it"
            raise QueryTimeout(f"the query ran longer than {self.timeout_s:g} s; {state}") from None

    async def _stop(self, request_id: str, future: Future[T],
                    stop: Callable[[str, Callable[[], bool], float], bool]) -> bool:
        """Start stopping the query in the background; wait briefly to learn whether it is already gone."""
        stopping = self._stopper.submit(stop, request_id, future.done, STOP_BUDGET_S)
        with contextlib.suppress(TimeoutError):
            return await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(stopping)), STOP_WAIT_S)
        return False

    def close(self) -> None:
        """Stop accepting work; running queries end by their own server-side timeout."""
        self._workers.shutdown(wait=False, cancel_futures=True)
        self._stopper.shutdown(wait=False, cancel_futures=True)
