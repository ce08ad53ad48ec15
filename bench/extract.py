"""Extraction against the parse floor: bare `nlp.pipe` vs `extract_many`, same texts, same pipeline.

The floor is the pipeline extraction uses (`ingest.nlp.get_nlp`: model + gazetteer ruler + title fixer)
run through `nlp.pipe` with nothing after it. Each side runs `repeats` times, alternating, best kept.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bench.corpus import Article, articles
from bench.report import Ratio, Result, Table
from graph.model import Document, Extraction, Funding, Quote, Role

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
    written = list(articles(docs, seed))
    corpus: list[Document] = [a.document() for a in written]
    texts = [d.text for d in corpus]
    words = sum(len(t.split()) for t in texts)
    say(f"  loading the pipeline; {docs} documents, {words:,} words")
    nlp = get_nlp()
    for _ in nlp.pipe(texts[:4]):  # warm up: first calls allocate
        pass
    table = Table(f"{docs} documents, {words:,} words, best of {repeats}",
                  ["workers", "nlp.pipe words/s", "extract_many words/s", "extract / pipe",
                   "pipe s", "extract s", "facts"])
    found: list[Extraction] = []
    for n in workers:
        facts = 0

        def pipe(n: int = n) -> None:
            for _ in nlp.pipe(texts, n_process=n, batch_size=16):
                pass

        def extract(n: int = n) -> None:
            nonlocal facts, found
            found = list(extract_many(corpus, n_process=n, batch_size=16, nlp=nlp))
            facts = sum(len(ex.facts) for ex in found)

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
    result.tables.append(agreement(written, found))
    result.notes.append("same texts, same pipeline object; with workers, nlp.pipe's processes parse and send "
                        "Docs back, extract_many's parse, extract and send back facts")
    result.seconds = time.perf_counter() - began
    return result


def _planned(a: Article) -> dict[str, set[tuple[object, ...]]]:
    return {"quotes": {(q.speaker.key, q.start) for q in a.quotes},
            "roles": {(r.person.key, r.org.key) for r in a.roles},
            "funding": {(f.source.key, f.target.key) for f in a.funding}}


def _extracted(ex: Extraction) -> dict[str, set[tuple[object, ...]]]:
    out: dict[str, set[tuple[object, ...]]] = {"quotes": set(), "roles": set(), "funding": set()}
    for f in ex.facts:
        if isinstance(f, Quote):
            out["quotes"].add((f.speaker.key, f.start))
        elif isinstance(f, Role):
            out["roles"].add((f.person.key, f.org.key))
        elif isinstance(f, Funding):
            out["funding"].add((f.source.key, f.target.key))
    return out


def agreement(written: list[Article], found: list[Extraction]) -> Table:
    """How much of what the generator wrote the extractor finds: the corpus exercises real patterns."""
    table = Table("extractor vs the generator's own facts (same documents)",
                  ["kind", "written", "extracted", "matching", "recall", "precision"])
    for kind in ("quotes", "roles", "funding"):
        want = got = hit = 0
        for a, ex in zip(written, found, strict=True):
            w, g = _planned(a)[kind], _extracted(ex)[kind]
            want, got, hit = want + len(w), got + len(g), hit + len(w & g)
        table.add(kind, want, got, hit, hit / max(want, 1), hit / max(got, 1))
    return table
