"""Load rate: batched `GraphWriter` vs one statement per fact, on synthetic documents.

    POLICYGRAPH_NEO4J_URI=bolt://127.0.0.1:27687 .venv/bin/python bench/load.py --docs 200 --facts 500

WIPES the target database. Facts = relationships written (each with its evidence).
"""

from __future__ import annotations

import argparse
import random
import time

from graph.db import create_driver
from graph.model import Actor, ActorType, Document, Evidence, Extraction, Fact, Funding, Mention, Quote, Role
from graph.naive_writer import naive_write
from graph.rows import plan_extraction
from graph.schema import apply_schema, clear_graph
from graph.writer import GraphWriter

TYPES = list(ActorType)


def synthetic(n_docs: int, facts_per_doc: int, n_actors: int, seed: int = 1) -> list[Extraction]:
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
                facts.append(Quote(speaker=a, text=f"q{i}", text_start=start, text_end=start + 2, about=(b,),
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


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--docs", type=int, default=200)
    p.add_argument("--facts", type=int, default=500, help="facts (relationships) per document")
    p.add_argument("--actors", type=int, default=5000)
    p.add_argument("--batch-size", type=int, default=None)
    p.add_argument("--naive-docs", type=int, default=20, help="documents loaded one statement per fact")
    args = p.parse_args()

    docs = synthetic(args.docs, args.facts, args.actors)
    total = sum(plan_extraction(ex).fact_count for ex in docs)
    driver = create_driver()
    try:
        clear_graph(driver)
        apply_schema(driver)
        writer = GraphWriter(driver, args.batch_size)
        t0 = time.perf_counter()
        written = sum(r.facts_written for r in writer.write_many(docs))
        batched_s = time.perf_counter() - t0
        assert written == total, (written, total)
        batched = written / batched_s
        print(f"batched: {written} facts in {batched_s:.1f} s = {batched:,.0f} facts/s "
              f"(batch size {writer.batch_size}, {len(docs)} documents)")

        clear_graph(driver)
        subset = docs[: args.naive_docs]
        t0 = time.perf_counter()
        naive_written = sum(naive_write(driver, ex) for ex in subset)
        naive_s = time.perf_counter() - t0
        naive = naive_written / naive_s
        print(f"naive:   {naive_written} facts in {naive_s:.1f} s = {naive:,.0f} facts/s "
              f"(one auto-commit statement per row, first {len(subset)} documents)")
        print(f"ratio:   batched is {batched / naive:.1f}x faster")
        clear_graph(driver)
    finally:
        driver.close()


if __name__ == "__main__":
    main()
