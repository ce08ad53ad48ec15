"""`load FACTS --bulk` (neo4j-admin import into an empty database) builds the transactional writer's graph.

The same facts (the extractor's on corpus/ as JSONL, the bench generator's as Parquet) are loaded with
`load` into the run's Neo4j and with `load --bulk` into a second local server, then compared node by
node and relationship by relationship, every property included; the schema must be applied after.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from bulkserver import bulk_env, bulk_settings
from graph_dump import Dump, differences, dump
from neo4j import Driver

import localserver
from graph.db import create_driver
from graph.errors import PolicygraphError
from graph.schema import clear_graph, schema_applied
from graph.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


def policygraph(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "policygraph.cli", *args], cwd=ROOT,
                          env=env or {**os.environ, "COLUMNS": "200"}, capture_output=True, text=True,
                          timeout=900, check=False)


def flat(output: str) -> str:
    return " ".join(output.replace("│", " ").replace("┃", " ").split())


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A facts folder: corpus/ through the real extractor (JSONL) and 40 generated articles (Parquet)."""
    import pyarrow.parquet as pq

    from bench.corpus import extractions
    from graph.factset.arrow import read_table
    from policygraph.facts import extraction_records, write_jsonl

    folder = tmp_path_factory.mktemp("facts")
    done = policygraph("extract", "corpus/", "--facts-out", str(folder / "corpus.jsonl"))
    assert done.returncode == 0, done.stderr[-2000:]
    generated = tmp_path_factory.mktemp("generated") / "generated.jsonl"
    with generated.open("w", encoding="utf-8") as out:
        for ex in extractions(40, seed=5):
            write_jsonl(extraction_records(ex), out)
    pq.write_table(read_table(generated), folder / "generated.parquet")
    return folder


@pytest.fixture(scope="module")
def transactional(clean_graph: Driver, facts: Path) -> Dump:
    clear_graph(clean_graph)
    done = policygraph("load", str(facts))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return dump(clean_graph)


@pytest.fixture(scope="module")
def server() -> Iterator[Settings]:
    """The bulk server, started empty (a previous run's data is wiped) and stopped at the end."""
    settings = bulk_settings()
    try:
        localserver.start(settings)
    except PolicygraphError as exc:
        pytest.fail(f"could not start the bulk-test Neo4j on {settings.neo4j_uri}: {exc}", pytrace=False)
    with create_driver(settings) as driver:
        clear_graph(driver, settings.neo4j_database)
    yield settings
    localserver.stop(settings)


@pytest.fixture(scope="module")
def bulk(server: Settings, facts: Path) -> subprocess.CompletedProcess[str]:
    return policygraph("load", str(facts), "--bulk", env=bulk_env(server))


Done = subprocess.CompletedProcess[str]


def test_unreadable_facts_leave_the_server_running_and_empty(server: Settings, tmp_path: Path) -> None:
    """The server stops while the import files are written; when they cannot be, it is started again.

    Runs before the `bulk` fixture loads anything (tests run in file order), on the still empty server.
    """
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"kind": "document", "doc_id": "d1"\n{not json\n', encoding="utf-8")
    done = policygraph("load", str(broken), "--bulk", env=bulk_env(server))
    assert done.returncode != 0, done.stdout[-2000:]
    assert "broken.jsonl" in flat(done.stdout + done.stderr), done.stdout[-2000:] + done.stderr[-2000:]
    assert localserver.status(server).running, "the server was not started again"
    with create_driver(server) as driver:
        assert dump(driver, server.neo4j_database)["labels"] == {}


def test_bulk_import_builds_the_transactional_graph(transactional: Dump, bulk: Done, server: Settings
                                                    ) -> None:
    assert bulk.returncode == 0, bulk.stdout[-3000:] + bulk.stderr[-3000:]
    assert "bulk import:" in flat(bulk.stdout) and "documents new 48" in flat(bulk.stdout)
    with create_driver(server) as driver:
        imported = dump(driver, server.neo4j_database)
        assert schema_applied(driver, server.neo4j_database)
    assert transactional["labels"]["Document"] == 48
    assert transactional["types"]["AFFILIATED_WITH"] and transactional["types"]["ABOUT"]
    assert differences(transactional, imported) == []


def test_bulk_into_a_database_with_data_is_refused(bulk: Done, server: Settings, facts: Path) -> None:
    assert bulk.returncode == 0
    with create_driver(server) as driver:
        before = dump(driver, server.neo4j_database)
        again = policygraph("load", str(facts), "--bulk", env=bulk_env(server))
        assert again.returncode == 3, again.stdout[-2000:] + again.stderr[-2000:]
        message = flat(again.stderr)
        assert "Refused:" in message and "not empty" in message and "policygraph load FACTS" in message
        assert localserver.status(server).running
        assert differences(before, dump(driver, server.neo4j_database)) == []


def test_the_transactional_writer_continues_a_bulk_loaded_graph(bulk: Done, server: Settings, facts: Path
                                                               ) -> None:
    """Loading the same facts again through the writer finds every document already there."""
    assert bulk.returncode == 0
    again = policygraph("load", str(facts), env=bulk_env(server))
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]
    assert "documents unchanged 48" in flat(again.stdout) and "documents new 0" in flat(again.stdout)
