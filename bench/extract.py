"""Extraction against the parse floor: bare `nlp.pipe` vs `extract_many`, same texts, same pipeline.

The floor is the pipeline extraction uses (`ingest.nlp.get_nlp`: model + gazetteer ruler + title fixer)
run through `nlp.pipe` with nothing after it. Each side runs `repeats` times, alternating, best kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bench.corpus import documents
from bench.report import Ratio, Result, Table
from graph.model import Document

GOAL = 0.85


def _best(fn: Callable[[], None], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def run(*, docs: int, workers: tuple[int, ...] = (1, 2), repeats: int = 2, seed: int = 7,
        say: Callable[[str], None] = print) -> Result:
    from ingest.nlp import get_nlp
    from ingest.pipeline import extract_many

    result = Result("extract", "Extraction vs the parse floor (nlp.pipe)")
    began = time.perf_counter()
    corpus: list[Document] = list(documents(docs, seed))
    texts = [d.text for d in corpus]
    words = sum(len(t.split()) for t in texts)
    say(f"  loading the pipeline; {docs} documents, {words:,} words")
    nlp = get_nlp()
    for _ in nlp.pipe(texts[:4]):  # warm up: first calls allocate
        pass
    table = Table(f"{docs} documents, {words:,} words, best of {repeats}",
                  ["workers", "nlp.pipe words/s", "extract_many words/s", "extract / pipe",
                   "pipe s", "extract s", "facts"])
    for n in workers:
        facts = 0

        def pipe(n: int = n) -> None:
            for _ in nlp.pipe(texts, n_process=n, batch_size=16):
                pass

        def extract(n: int = n) -> None:
            nonlocal facts
            facts = sum(len(ex.facts) for ex in extract_many(corpus, n_process=n, batch_size=16, nlp=nlp))

        pipe_s, extract_s = float("inf"), float("inf")
        for _ in range(repeats):  # alternate, so drift in machine load hits both sides alike
            pipe_s = min(pipe_s, _best(pipe, 1))
            extract_s = min(extract_s, _best(extract, 1))
        say(f"  {n} worker(s): pipe {pipe_s:.1f} s, extract {extract_s:.1f} s")
        ratio = pipe_s / extract_s
        table.add(n, words / pipe_s, words / extract_s, ratio, pipe_s, extract_s, facts)
        result.ratios.append(Ratio(f"extract.workers{n}", ratio, GOAL, ">=",
                                   f"extract_many / nlp.pipe words per second, {n} worker(s)"))
    result.tables.append(table)
    result.notes.append("same texts, same pipeline object; extract_many parses in `workers` processes and "
                        "runs the extractors in the calling process")
    result.seconds = time.perf_counter() - began
    return result
