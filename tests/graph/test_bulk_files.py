"""The bulk import's files hold the rows the writer plans, type by type, as graph/relations.yaml says.

tests/integration/test_bulk_import.py compares the two graphs in Neo4j; this is the same comparison on
the files, without a server: quick, and it names the type and row that differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from graph.bulk.files import write_import_files
from graph.factset.read import read_facts
from graph.model import Extraction
from graph.relations import RELATIONS
from graph.rows import merge_plans, plan_extraction
from policygraph.facts import extraction_records, write_jsonl

FACTS = Path(__file__).resolve().parents[1] / "data" / "facts" / "before-issue-14.jsonl"


def _rows(path: Path) -> list[dict[str, Any]]:
    return [{name.split(":")[0] if not name.startswith(":") else name: value for name, value in row.items()}
            for row in pq.read_table(path).to_pylist()]


def test_import_files_hold_the_planned_rows(tmp_path: Path) -> None:
    extractions = [i for i in read_facts(FACTS) if isinstance(i, Extraction)]
    with (tmp_path / "facts.jsonl").open("w", encoding="utf-8") as out:
        for ex in extractions:
            write_jsonl(extraction_records(ex), out)
    files = write_import_files(tmp_path / "facts.jsonl", tmp_path / "import")
    plan = merge_plans([plan_extraction(ex) for ex in extractions])

    for rel in RELATIONS:
        planned = sorted(({"source": r["source"], "target": r["target"], "fact_id": r["fact_id"]} | r["props"]
                          for r in plan.relationships[rel.statement]), key=lambda r: r["fact_id"])
        written = [{"source": r.pop(f":START_ID({rel.source.label})"),
                    "target": r.pop(f":END_ID({rel.target.label})")} | r
                   for r in _rows(tmp_path / "import" / f"relationships-{rel.type}.parquet")]
        assert all(r.pop(":TYPE") == rel.type for r in written)
        assert sorted(written, key=lambda r: r["fact_id"]) == planned, rel.type
        assert files.types[rel.type] == len(planned) > 0

    quotes = _rows(tmp_path / "import" / "nodes-Quote.parquet")
    assert sorted(({k: v for k, v in q.items() if k != ":LABEL"} for q in quotes), key=lambda q: q["id"]) == \
        sorted(plan.quotes, key=lambda q: q["id"])
    actors = [{k: v for k, v in a.items() if k in ("key", "name", "type", "aliases")}
              for a in _rows(tmp_path / "import" / "nodes-Actor.parquet")]
    assert actors == plan.actors
