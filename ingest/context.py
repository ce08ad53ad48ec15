"""Per-document context shared by the extractors: offsets, sentences, evidence, resolver."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc

from graph.model import ActorType, Evidence
from ingest.names.resolve import Resolver

EXTRACTOR_VERSION = "1"
_MAX_SENTENCE_CHARS = 2000


class DocContext:
    """What every extractor needs besides the parsed `Doc`: the document id and the resolver."""

    def __init__(self, doc: Doc, doc_id: str, resolver: Resolver) -> None:
        self.doc = doc
        self.doc_id = doc_id
        self.resolver = resolver
        self._sents = list(doc.sents)
        self._sent_starts = [s.start_char for s in self._sents]
        self._tok_starts = [t.idx for t in doc]
        self.quoted: set[int] = set()  # tokens inside quotation marks, set by the quote extractor
        self._issuing: tuple[str | None] | None = None

    def token_at(self, char: int) -> int:
        """Index of the token containing (or just before) character offset `char`."""
        return max(0, bisect_right(self._tok_starts, char) - 1)

    def sentence_index(self, char: int) -> int:
        return max(0, bisect_right(self._sent_starts, char) - 1)

    def evidence(self, start: int, end: int, extractor: str, confidence: float) -> Evidence:
        """Evidence for the character span [start, end) of the document text."""
        i = self.sentence_index(start)
        sentence = self._sents[i].text[:_MAX_SENTENCE_CHARS] if self._sents else ""
        return Evidence(
            doc_id=self.doc_id,
            sentence_index=i,
            sentence=sentence,
            start=start,
            end=max(start, end),
            extractor=extractor,
            extractor_version=EXTRACTOR_VERSION,
            confidence=round(min(1.0, max(0.0, confidence)), 3),
        )

    def issuing_body(self) -> str | None:
        """The organisation a press release is about: the known one named most often (twice or more);
        ties go to the body that acts (is a subject) more often: "the Commission will invest"."""
        if self._issuing is None:
            counts: dict[str, int] = {}
            acts: dict[str, int] = {}
            for r in self.resolver.refs:
                if r.type is ActorType.ORGANISATION and self.resolver.gazetteer.get(r.key):
                    counts[r.key] = counts.get(r.key, 0) + 1
                    acts[r.key] = acts.get(r.key, 0) + r.subject
            best = max(counts.items(), key=lambda kv: (kv[1], acts[kv[0]]), default=None)
            self._issuing = (best[0] if best and best[1] >= 2 else None,)
        return self._issuing[0]
