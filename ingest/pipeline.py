"""Public entry points: `extract(doc)` and `extract_many(docs)`, parsing each text once.

The graph loader and the API call these. With `n_process > 1` each worker process parses and extracts
its share of the documents and sends back only the facts.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from spacy.language import Language
from spacy.tokens import Doc

from graph.errors import ExtractionError
from graph.model import Document, Extraction, Fact, Mention, Role
from ingest.context import DocContext
from ingest.funding import extract_funding
from ingest.lexicon import LEGISLATURE_WORDS
from ingest.names.gazetteer import load_gazetteer
from ingest.names.resolve import Resolver
from ingest.nlp import get_nlp
from ingest.quotes import extract_quotes
from ingest.reader import check_text
from ingest.roles import extract_roles

__all__ = ["extract", "extract_doc", "extract_each", "extract_many", "extract_results"]
MENTION_EXTRACTOR = "resolve.mention"


def _mentions(ctx: DocContext) -> list[Mention]:
    """One mention per actor: its first occurrence in the document."""
    first: dict[str, tuple[int, int]] = {}
    for r in ctx.resolver.refs:
        first.setdefault(r.key, (r.start, r.end))
    doc = ctx.doc
    out = []
    for key, (s, e) in first.items():
        start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1])
        out.append(
            Mention(actor=ctx.resolver.actor(key), evidence=ctx.evidence(start, end, MENTION_EXTRACTOR, 0.9))
        )
    return out


def _person_orgs(roles: list[Role]) -> dict[str, list[str]]:
    """Person -> the executive bodies their roles name: "USDA Secretary X announced $Y" is USDA's money;
    a legislator's chamber or committee announces money, it does not give it."""
    out: dict[str, list[str]] = {}
    for role in roles:
        if not LEGISLATURE_WORDS.intersection(role.org.name.lower().split()):
            out.setdefault(role.person.key, []).append(role.org.key)
    return out


def extract_doc(document: Document, doc: Doc) -> Extraction:
    """Facts of `document` from its already-parsed `doc` (for callers that parse themselves)."""
    if not document.text.strip():
        raise ExtractionError(f"{document.source}: empty document")
    try:
        ctx = DocContext(doc, document.id, Resolver(doc, load_gazetteer()), source=document.source)
    except Exception as exc:  # no actors, no facts: this document fails alone, with its name
        raise ExtractionError(
            f"{document.source}: extraction failed ({exc.__class__.__name__}: {exc})"
        ) from exc
    facts: list[Fact] = []
    roles: list[Role] = []
    with ctx.guard("quotes", 0):  # rules guard their own sentences; these catch the rest
        facts.extend(extract_quotes(doc, ctx))
    with ctx.guard("roles", 0):
        roles = extract_roles(doc, ctx)
        facts.extend(roles)
    with ctx.guard("funding", 0):
        facts.extend(extract_funding(doc, ctx, _person_orgs(roles)))
    with ctx.guard("mentions", 0):
        facts.extend(_mentions(ctx))
    kept = {f.id for f in facts}
    return Extraction(
        document=document,
        actors=ctx.resolver.actors(),
        facts=tuple(facts),
        explanations=tuple(e for e in ctx.explanations.values() if e.fact_id in kept),
        failures=tuple(f"{f.rule} @ sentence {f.sentence_index}: {f.error}" for f in ctx.failures),
    )


def extract(document: Document, nlp: Language | None = None) -> Extraction:
    """Quotes, roles, funding and mentions of one document, with merged actors."""
    check_text(document.text, document.source)  # bounded time: refuse what spaCy would choke on
    nlp = nlp or get_nlp()
    return extract_doc(document, nlp(document.text))


def _parsed(
    nlp: Language, documents: Iterable[Document], batch_size: int
) -> Iterator[Extraction | ExtractionError]:
    """Parse and extract in this process; a document that fails is yielded as its error, in place."""
    pairs = ((d.text, d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        try:
            yield extract_doc(document, doc)
        except ExtractionError as exc:
            yield exc


_worker_nlp: Language | None = None  # the pipeline a worker process uses (inherited on fork)


def _init_worker() -> None:
    global _worker_nlp
    if _worker_nlp is None:  # started by spawn: nothing inherited, load the configured pipeline
        _worker_nlp = get_nlp()


def _work(chunk: list[Document]) -> list[Extraction | ExtractionError]:
    assert _worker_nlp is not None
    return list(_parsed(_worker_nlp, chunk, len(chunk)))


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for d in documents:
        chunk.append(d)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _pooled(
    nlp: Language, documents: Iterable[Document], n_process: int, batch_size: int
) -> Iterator[Extraction | ExtractionError]:
    """Parse *and* extract in `n_process` worker processes, `batch_size` documents per task, results in
    input order. An Extraction is far smaller than the `Doc` that `nlp.pipe(n_process=...)` would ship
    back, and the extractors run on every core instead of one. At most two tasks per worker are in
    flight, so memory stays flat however many documents come."""
    global _worker_nlp
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    _worker_nlp = nlp  # forked workers inherit the caller's pipeline as it is
    try:
        with ProcessPoolExecutor(n_process, mp_context=context, initializer=_init_worker) as pool:
            pending: deque[Future[list[Extraction | ExtractionError]]] = deque()
            for chunk in _chunks(documents, batch_size):
                pending.append(pool.submit(_work, chunk))
                if len(pending) >= 2 * n_process:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
    finally:
        _worker_nlp = None


def extract_results(
    documents: Iterable[Document], n_process: int = 1, batch_size: int = 16, nlp: Language | None = None
) -> Iterator[Extraction | ExtractionError]:
    """One result per document, in input order: its extraction, or the error that kept it from one."""
    nlp = nlp or get_nlp()
    if n_process > 1:
        return _pooled(nlp, documents, n_process, max(1, batch_size))
    return _parsed(nlp, documents, max(1, batch_size))


def extract_many(
    documents: Iterable[Document],
    n_process: int = 1,
    batch_size: int = 16,
    nlp: Language | None = None,
) -> Iterator[Extraction]:
    """Extractions in input order; `n_process` worker processes each parse and extract. Raises the
    `ExtractionError` of the first document that cannot be extracted (`extract_each` goes on)."""
    for result in extract_results(documents, n_process, batch_size, nlp):
        if isinstance(result, ExtractionError):
            raise result
        yield result


def extract_each(
    documents: Iterable[Document],
    n_process: int = 1,
    batch_size: int = 16,
    on_failure: Callable[[Document, ExtractionError], None] | None = None,
    nlp: Language | None = None,
) -> Iterator[Extraction]:
    """`extract_many` that goes on past a document it fails on, so one bad text fails alone; each
    failure is reported to `on_failure` with its document."""
    documents = list(documents)
    results = extract_results(documents, n_process, batch_size, nlp)
    for document, result in zip(documents, results, strict=True):
        if isinstance(result, ExtractionError):
            if on_failure is not None:
                on_failure(document, result)
            continue
        yield result
