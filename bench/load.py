"""Load: the batched `GraphWriter` against one statement per fact, on the same kind of documents.

- batched: `GraphWriter.write_many`, many documents per transaction, UNWIND batches, as ingest does;
- one statement per fact: the same load statements with one row each, every one its own auto-commit
  transaction (what a naive loader does), on held-out documents, extrapolated per relationship;
- the same, inside one transaction per document (separates round trips from commits);
- `GraphWriter.write` per document, on held-out documents (what the batched loader improves on).

Facts are the extractor's facts (quotes, roles, funding, mentions); relationships are what they become
in the graph (a quote is SAID + QUOTED_IN + one ABOUT per actor named in it).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from neo4j import ManagedTransaction, Session

from bench.corpus import extractions
from bench.graphdb import BenchGraph
from bench.naive_writer import naive_write
from bench.report import Ratio, Result, Table
from graph import cypher
from graph.model import Actor, ActorType, Document, Evidence, Extraction, Fact, Funding, Mention, Quote, Role
from graph.rows import LoadPlan, plan_extraction
from graph.writer import GraphWriter

GOAL = 50.0

# Dense documents (the graph engineer's first load bench): many facts per document, few texts.
TYPES = list(ActorType)


def dense_documents(n_docs: int, facts_per_doc: int, n_actors: int, seed: int = 1) -> list[Extraction]:
    """Documents of `facts_per_doc` facts over a shared pool of actors (so MERGE finds existing ones)."""
    rnd = random.Random(seed)
    pool = [Actor(key=f"bench:{i}", name=f"Actor {i}", type=TYPES[i % len(TYPES)]) for i in range(n_actors)]
    out = []
    for d in range(n_docs):
        sentences = [f"Actor {rnd.randrange(n_actors)} said \"policy {d}-{i} matters\"." for i in range(50)]
        text = " ".join(sentences)
        doc = Document(source=f"bench/doc-{d}.txt", text=text, title=f"Bench {d}")
        facts: list[Fact] = []
        n_rels = 0
        i = 0
        while n_rels < facts_per_doc:
            s = i % len(sentences)
            start = sum(len(x) + 1 for x in sentences[:s])
            ev = Evidence(doc_id=doc.id, sentence_index=s, sentence=sentences[s], start=start,
                          end=start + len(sentences[s]), extractor="bench", confidence=0.5)
            a, b = rnd.sample(pool, 2)
            kind = i % 4
            if kind == 0:
                facts.append(Quote(speaker=a, text=f"q{i}", start=start, end=start + 2, about=(b,),
                                   evidence=ev))
                n_rels += 3
            elif kind == 1:
                facts.append(Role(person=a, title=f"Title {i}", org=b, evidence=ev))
                n_rels += 1
            elif kind == 2:
                facts.append(Funding(source=a, target=b, amount=f"€{i} million", amount_value=i * 1e6,
                                     currency="EUR", evidence=ev))
                n_rels += 1
            else:
                facts.append(Mention(actor=a, evidence=ev))
                n_rels += 1
            i += 1
        out.append(Extraction(document=doc, actors=(), facts=tuple(facts)))
    return out



def _row_by_row(run: Callable[[str, dict[str, object]], None], plan: LoadPlan) -> None:
    doc = plan.document
    run(cypher.load("load/lock_document"), {"source": doc["source"], "id": doc["id"]})
    run(cypher.load("load/merge_document"), doc)
    for name, rows in plan.batches():
        query = cypher.load(name)
        for row in rows:
            run(query, {"rows": [row]})


def _per_fact_in_doc_tx(session: Session, exs: list[Extraction]) -> tuple[int, float]:
    """(relationships, seconds): every row its own statement, one transaction per document."""
    rels = 0
    started = time.perf_counter()
    for ex in exs:
        plan = plan_extraction(ex)
        rels += plan.fact_count

        def work(tx: ManagedTransaction, plan: LoadPlan = plan) -> None:
            _row_by_row(lambda q, p: tx.run(q, p).consume(), plan)  # type: ignore[arg-type]

        session.execute_write(work)
    return rels, time.perf_counter() - started


def _naive(g: BenchGraph, exs: list[Extraction]) -> tuple[int, float]:
    """(relationships, seconds) through `bench.naive_writer` (one auto-commit statement per row)."""
    started = time.perf_counter()
    rels = sum(naive_write(g.driver, ex, g.database) for ex in exs)
    return rels, time.perf_counter() - started


def _writer_run(writer: GraphWriter, exs: list[Extraction], docs_per_tx: int | None) -> tuple[int, float]:
    """(relationships, seconds): `write_many` in groups, or `write` per document if `docs_per_tx` is None."""
    started = time.perf_counter()
    if docs_per_tx is None:
        rels = sum(writer.write(ex).facts_written for ex in exs)
    else:
        rels = sum(r.facts_written for r in writer.write_many(exs, docs_per_tx))
    return rels, time.perf_counter() - started


def run(g: BenchGraph, *, docs: int, naive_docs: int, per_doc_docs: int, dense_docs: int = 0, seed: int = 7,
        say: Callable[[str], None] = print) -> Result:
    result = Result("load", "Load: batched GraphWriter vs one statement per fact")
    began = time.perf_counter()
    say(f"  generating {docs + 2 * naive_docs + per_doc_docs} documents' extractions (seed {seed})")
    main = list(extractions(docs, seed))
    held1 = list(extractions(naive_docs, seed, start=docs))
    held2 = list(extractions(naive_docs, seed, start=docs + naive_docs))
    held3 = list(extractions(per_doc_docs, seed, start=docs + 2 * naive_docs))
    facts = sum(len(ex.facts) for ex in main)
    table = Table(f"{docs:,} documents, {facts:,} facts; the other loaders on held-out documents",
                  ["loader", "documents", "facts", "relationships", "seconds", "facts/s", "relationships/s",
                   "µs per relationship", "× one-per-fact"])

    g.reset()
    writer = GraphWriter(g.driver, g.settings.batch_size, database=g.database)
    per_tx = g.settings.docs_per_tx
    say(f"  write_many: {docs} documents, {per_tx} per transaction, batch {writer.batch_size}")
    rels, w_s = _writer_run(writer, main, per_tx)
    nodes, in_graph = g.counts()
    say(f"  done in {w_s:.1f} s; graph has {nodes:,} nodes, {in_graph:,} relationships")

    say(f"  one statement per fact (bench.naive_writer, auto-commit each) on {naive_docs} held-out documents")
    n_rels, n_s = _naive(g, held1)
    with g.driver.session(database=g.database) as session:
        say(f"  one statement per fact, one transaction per document, on {naive_docs} more")
        t_rels, t_s = _per_fact_in_doc_tx(session, held2)
    say(f"  write: one transaction per document, on {per_doc_docs} more")
    p_rels, p_s = _writer_run(writer, held3, None)
    per_naive = n_s / n_rels

    def row(name: str, exs: list[Extraction], r: int, s: float) -> None:
        f = sum(len(ex.facts) for ex in exs)
        table.add(name, len(exs), f, r, s, f / s, r / s, s / r * 1e6, per_naive / (s / r))

    row(f"GraphWriter.write_many ({per_tx} documents per tx)", main, rels, w_s)
    row("GraphWriter.write (1 tx per document)", held3, p_rels, p_s)
    row("one statement per fact, auto-commit", held1, n_rels, n_s)
    row("one statement per fact, 1 tx per document", held2, t_rels, t_s)
    if dense_docs:
        g.reset()
        dense = dense_documents(dense_docs, 500, 5000)
        say(f"  write_many on {dense_docs} dense documents of 500 relationships each")
        d_rels, d_s = _writer_run(writer, dense, per_tx)
        row("GraphWriter.write_many, dense documents (500 relationships each)", dense, d_rels, d_s)
    result.tables.append(table)
    result.ratios.append(Ratio("load.writer_vs_one_per_fact", per_naive / (w_s / rels), GOAL, ">=",
                               "GraphWriter.write_many vs one statement per fact (time per relationship)"))
    result.notes += [
        f"write_many: {facts / w_s:,.0f} facts/s, {rels / w_s:,.0f} relationships/s "
        f"({rels / docs:.1f} relationships and {facts / docs:.1f} facts per document); this is what "
        "`policygraph ingest` does after extraction (`--docs-per-tx`, default "
        f"{per_tx}, POLICYGRAPH_DOCS_PER_TX); each document is still all or nothing",
        "the other loaders ran on held-out documents after write_many's, into a graph of the same size",
        "one statement per fact: the same load statements, one row each (bench.naive_writer)",
        "neo4j-admin database import: not measured (needs the database stopped, CSV export of every "
        "property and a separate import)",
    ]
    result.seconds = time.perf_counter() - began
    return result
