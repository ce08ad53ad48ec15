"""schemathesis, in-process, against the app's own OpenAPI schema: no 5xx, every response as documented.

Generated from the schema for every operation, a few examples each (2-core CI). The app runs its
lifespan under a TestClient, so the driver, repository and writer exist; schemathesis calls the ASGI
app directly. (`schemathesis.pytest.from_fixture` fails under pytest 9, hence the module-level app.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from neo4j import Driver
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.main import create_app
from graph.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]


# Built at import so schemathesis can read the schema while collecting; the driver comes with the lifespan.
APP: FastAPI = create_app(Settings(api_token=None))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def running_app(populated: Driver) -> Iterator[FastAPI]:
    with TestClient(APP):  # runs the lifespan: one driver for the module
        yield APP


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_api_conforms_to_its_schema(case: Any) -> None:
    case.call_and_validate(checks=CHECKS)
