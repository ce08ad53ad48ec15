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
from graph.model import Evidence, Extraction, Quote
from graph.rows import plan_extraction
from policygraph.facts import extraction_records, write_jsonl

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
BEFORE_ISSUE_14 = Path(__file__).resolve().parents[1] / "data" / "facts" / "before-issue-14.jsonl"
"""corpus/01 and 03 as `extract --facts-out` wrote them before issue 14 (flat evidence, text_start)."""


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
    quote["start"] += 1  # the quote id hashes its offsets
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


def test_records_use_the_names_the_graph_and_the_api_use(extractions: list[Extraction]) -> None:
    records = [r for ex in extractions for r in extraction_records(ex)]
    quote = next(r for r in records if r["kind"] == "quote" and r["about"])
    fact = next(f for ex in extractions for f in ex.facts if f.id == quote["id"])
    assert isinstance(fact, Quote)
    assert (quote["start"], quote["end"]) == (fact.start, fact.end)  # the Quote node's and QuoteView's
    assert quote["evidence"] == fact.evidence.model_dump()  # the relationships' and the API's evidence
    assert set(quote["evidence"]) == set(Evidence.model_fields)
    assert quote["about"] == [a.name for a in fact.about]
    assert quote["about_keys"] == [a.key for a in fact.about]


def test_facts_files_written_before_issue_14_still_load() -> None:
    old = [json.loads(line) for line in BEFORE_ISSUE_14.read_text(encoding="utf-8").splitlines()]
    rebuilt = [i for i in read_facts(BEFORE_ISSUE_14) if isinstance(i, Extraction)]
    facts = {f.id: f for ex in rebuilt for f in ex.facts}  # ids are recomputed and checked on reading
    for rec in (r for r in old if r["kind"] != "document"):
        fact = facts[rec["id"]]
        ev = fact.evidence
        assert (ev.start, ev.end, ev.sentence, ev.confidence) == (rec["start"], rec["end"], rec["sentence"],
                                                                  rec["confidence"])
        assert f"{ev.extractor}@{ev.extractor_version}" == rec["extractor"]
        if isinstance(fact, Quote):
            assert (fact.start, fact.end) == (rec["text_start"], rec["text_end"])
            assert [a.key for a in fact.about] == rec["about"]
    plans = [plan_extraction(ex) for ex in rebuilt]
    assert all(any(p.relationships[name] for p in plans) for name in plans[0].relationships), \
        "the old file should hold a fact of every relationship type"


def test_old_and_new_files_read_to_the_same_table(tmp_path: Path) -> None:
    """What the bulk import reads (`read_table`): an old file's columns are upgraded as its records are."""
    rebuilt = [i for i in read_facts(BEFORE_ISSUE_14) if isinstance(i, Extraction)]
    write_file(tmp_path / "new.jsonl", rebuilt)
    new = read_table(tmp_path / "new.jsonl").drop_columns(["about"])
    new = new.slice(0, new.num_rows - 1)  # write_file's last record: a failure the old file has not
    old = read_table(BEFORE_ISSUE_14).drop_columns(["about"])  # an old quote's `about` held keys, no names
    assert old.schema == new.schema
    assert old.to_pylist() == new.to_pylist()
