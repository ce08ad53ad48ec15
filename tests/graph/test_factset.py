"""Facts files: the extractor's output as records, back to extractions that plan to the same rows."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from graph.errors import InvalidInput
from graph.factset.arrow import arrow_schema, read_table
from graph.factset.read import read_facts
from graph.factset.records import Failure, failure_record
from graph.model import Extraction
from graph.rows import plan_extraction
from policygraph.facts import extraction_records, write_jsonl

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def extractions() -> list[Extraction]:
    from ingest.pipeline import extract_many
    from ingest.reader import find_documents, read_document

    return list(extract_many([read_document(p) for p in find_documents([CORPUS])]))


def planned(ex: Extraction) -> dict[str, object]:
    plan = plan_extraction(ex)
    document = {k: v for k, v in plan.document.items() if k != "ingested_at"}  # the load time
    return {"document": document, "actors": plan.actors, "quotes": plan.quotes,
            "relationships": plan.relationships}


def write_file(path: Path, extractions: list[Extraction]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for ex in extractions:
            write_jsonl(extraction_records(ex), out)
        write_jsonl([failure_record("corpus/broken.txt", "corpus/broken.txt: not UTF-8 text")], out)


def test_jsonl_round_trip_plans_the_same_rows(extractions: list[Extraction], tmp_path: Path) -> None:
    write_file(tmp_path / "facts.jsonl", extractions)
    items = list(read_facts(tmp_path / "facts.jsonl"))
    assert items[-1] == Failure("corpus/broken.txt", "corpus/broken.txt: not UTF-8 text")
    rebuilt = [i for i in items if isinstance(i, Extraction)]
    assert [planned(ex) for ex in rebuilt] == [planned(ex) for ex in extractions]
    assert sum(len(ex.facts) for ex in rebuilt) == sum(len(ex.facts) for ex in extractions) > 50


def test_parquet_with_shuffled_rows_reads_in_record_order(extractions: list[Extraction], tmp_path: Path
                                                          ) -> None:
    """A distributed writer may leave a document's rows in any order: `seq` restores it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    write_file(tmp_path / "facts.jsonl", extractions)
    table = read_table(tmp_path / "facts.jsonl")
    order = list(range(table.num_rows))
    random.Random(3).shuffle(order)
    shuffled = table.take(pa.array(order))
    assert shuffled.schema.remove(shuffled.schema.get_field_index("seq")) == arrow_schema()
    pq.write_table(shuffled, tmp_path / "part-0.parquet")
    rebuilt = [i for i in read_facts(tmp_path / "part-0.parquet") if isinstance(i, Extraction)]
    def key(ex: Extraction) -> str:
        return json.dumps(planned(ex), default=str, sort_keys=True)

    assert sorted(map(key, rebuilt)) == sorted(map(key, extractions))


def test_a_record_that_no_longer_matches_its_id_is_refused(extractions: list[Extraction],
                                                          tmp_path: Path) -> None:
    records = extraction_records(extractions[0])
    quote = next(r for r in records if r["kind"] == "quote")
    quote["text_start"] += 1  # the quote id hashes its offsets
    path = tmp_path / "facts.jsonl"
    with path.open("w", encoding="utf-8") as out:
        write_jsonl(records, out)
    with pytest.raises(InvalidInput, match=extractions[0].document.source):
        list(read_facts(path))


def test_facts_before_their_document_are_refused(extractions: list[Extraction], tmp_path: Path) -> None:
    records = extraction_records(extractions[0])
    path = tmp_path / "facts.jsonl"
    with path.open("w", encoding="utf-8") as out:
        write_jsonl(records[1:], out)
    with pytest.raises(InvalidInput, match="before any document record"):
        list(read_facts(path))
