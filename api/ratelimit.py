"""Per-client rate limits on POST /cypher and the writes, with the `limits` library (moving window).

Keyed by the client address uvicorn reports (behind a trusted reverse proxy, run uvicorn with proxy
headers so that is the real client). Counted per process, in memory. Over the limit: 429 problem JSON
with `Retry-After`, before the body is read or the query parsed.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.types import ASGIApp, Receive, Scope, Send


@dataclass(frozen=True)
class Rule:
    """Requests matching `methods` and `path` (exact, or a prefix when it ends with `/`) share `limits`."""

    name: str
    methods: frozenset[str]
    path: str
    limits: tuple[RateLimitItem, ...]

    def matches(self, method: str, path: str) -> bool:
        if method not in self.methods:
            return False
        return path.startswith(self.path) if self.path.endswith("/") else path == self.path


def rules(cypher_rate: str, write_rate: str) -> list[Rule]:
    """The API's rules from settings; an empty rate switches that rule off."""
    out = []
    if cypher_rate:
        out.append(Rule("cypher", frozenset({"POST"}), "/cypher", tuple(parse_many(cypher_rate))))
    if write_rate:
        writes = tuple(parse_many(write_rate))
        out.append(Rule("write", frozenset({"POST"}), "/documents", writes))
        out.append(Rule("write", frozenset({"DELETE"}), "/documents/", writes))
    return out


class RateLimit:
    """Pure ASGI middleware: one moving window per (rule, client address)."""

    def __init__(self, app: ASGIApp, rules: list[Rule]) -> None:
        self.app = app
        self.rules = rules
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    def retry_after(self, rule: Rule, key: str) -> int:
        """Seconds until the fullest window lets one more request in."""
        resets = [self.limiter.get_window_stats(item, rule.name, key).reset_time for item in rule.limits
                  if not self.limiter.test(item, rule.name, key)]
        return max(1, math.ceil(max(resets, default=time.time() + 1) - time.time()))

    def allow(self, rule: Rule, key: str) -> bool:
        """Count the request against every limit of the rule, unless one of them is already full."""
        if not all(self.limiter.test(item, rule.name, key) for item in rule.limits):
            return False
        return all([self.limiter.hit(item, rule.name, key) for item in rule.limits])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            rule = next((r for r in self.rules if r.matches(scope["method"], scope["path"])), None)
            if rule is not None:
                key = scope["client"][0] if scope.get("client") else "unknown"
                if not self.allow(rule, key):
                    await self._refuse(scope, receive, send, rule, key)
                    return
        await self.app(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, rule: Rule, key: str) -> None:
        from api.errors import problem  # late: errors imports nothing from here, keep it that way

        limits = ", ".join(str(item) for item in rule.limits)
        wait = self.retry_after(rule, key)
        detail = f"rate limit of {limits} per client for {rule.name} requests reached; retry in {wait} s"
        response = problem(429, "Too many requests", detail, scope.get("path", ""),
                           headers={"Retry-After": str(wait)})
        await response(scope, receive, send)
