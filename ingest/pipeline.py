"""Public entry points: `extract(doc)` and `extract_many(docs)`, parsing each text once.

The graph loader and the API call these. Extractors run on the parsed `Doc` in the calling
process, so `n_process > 1` parallelises only the parse, which is where the time goes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

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

__all__ = ["extract", "extract_doc", "extract_each", "extract_many"]
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


def extract_many(
    documents: Iterable[Document],
    n_process: int = 1,
    batch_size: int = 16,
    nlp: Language | None = None,
) -> Iterator[Extraction]:
    """Extractions in input order, parsing through `nlp.pipe` (`n_process` workers)."""
    nlp = nlp or get_nlp()
    pairs = ((d.text, d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size):
        yield extract_doc(document, doc)


def extract_each(
    documents: list[Document],
    n_process: int = 1,
    batch_size: int = 16,
    on_failure: Callable[[Document, ExtractionError], None] | None = None,
    nlp: Language | None = None,
) -> Iterator[Extraction]:
    """`extract_many`, restarted after a document it fails on, so one bad text fails alone; each
    failure is reported to `on_failure` with its document."""
    remaining = list(documents)
    while remaining:
        done = 0
        try:
            for extraction in extract_many(remaining, n_process=n_process, batch_size=batch_size, nlp=nlp):
                done += 1
                yield extraction
            return
        except ExtractionError as exc:  # extract_many keeps input order: the next one failed
            if on_failure is not None:
                on_failure(remaining[done], exc)
            remaining = remaining[done + 1 :]
