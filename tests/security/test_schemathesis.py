"""`schemathesis run --checks all` against the API served by uvicorn, every phase (stateful included).

The API runs in its own process on the run's Neo4j, with the write token; schemathesis sends it. Rate
limits are off (the generator sends hundreds of requests from one address; 429 is documented and tested
in tests/api/test_rate_limits.py). tests/security/schemathesis.toml names the only two refusals that
JSON Schema cannot express (invalid Cypher, text that is not prose), each for its one operation.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from apiserver import api_server
from neo4j import Driver

pytestmark = [pytest.mark.integration, pytest.mark.slow]

HERE = Path(__file__).parent
TOKEN = "schemathesis-write-token"


def test_schemathesis_finds_no_failure(populated: Driver, tmp_path: Path) -> None:
    with api_server(api_token=TOKEN, cypher_rate="", write_rate="", cypher_timeout_s=5) as url:
        run = subprocess.run(
            [str(Path(sys.executable).parent / "schemathesis"),
             "--config-file", str(HERE / "schemathesis.toml"),
             "run", f"{url}/openapi.json", "--checks", "all",
             "--phases", "examples,coverage,fuzzing,stateful", "--max-examples", "40", "--seed", "13",
             "--workers", "1", "--no-color", "-H", f"Authorization: Bearer {TOKEN}",
             "--report", "junit", "--report-junit-path", str(tmp_path / "junit.xml")],
            capture_output=True, text=True, timeout=1200, check=False, cwd=tmp_path)
    output = run.stdout + run.stderr
    print(output[-4000:])
    assert run.returncode == 0, output[-20000:]
    assert "Stateful" in output and "✅ Stateful" in output, output[-3000:]
