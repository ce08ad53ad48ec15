"""Per-document context shared by the extractors: offsets, sentences, evidence, resolver, and the
guard that keeps one failing rule from costing more than its own sentence's facts."""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from spacy.tokens import Doc, Span

from graph.model import ActorType, Evidence, Explanation, Funding, Mention, Quote, Role
from ingest.calibration import load_calibration
from ingest.names.resolve import Resolver
from ingest.nlp.headlines import headline_tokens

EXTRACTOR_VERSION = "2"
_MAX_SENTENCE_CHARS = 2000
log = logging.getLogger("policygraph.extract")


F = TypeVar("F", Quote, Role, Funding, Mention)  # `record` gives back the kind of fact it was given


@dataclass(frozen=True)
class RuleFailure:
    """A rule that raised on one sentence: its facts there are lost, the rest of the document is kept."""

    rule: str
    sentence_index: int
    sentence: str
    error: str


class DocContext:
    """What every extractor needs besides the parsed `Doc`: the document id and the resolver."""

    def __init__(self, doc: Doc, doc_id: str, resolver: Resolver, source: str = "") -> None:
        self.doc = doc
        self.text = doc.text  # `Doc.text` joins every token on each call: read it once
        self.doc_id = doc_id
        self.source = source or doc_id
        self.failures: list[RuleFailure] = []
        self.explanations: dict[str, Explanation] = {}
        self.resolver = resolver
        self._sents = list(doc.sents)
        self._sent_starts = [s.start_char for s in self._sents]
        self._tok_starts = [t.idx for t in doc]
        self.quoted: set[int] = set()  # tokens inside quotation marks, set by the quote extractor
        self.speaker_at: dict[int, str] = {}  # token inside a quotation -> its speaker, ditto
        self._issuing: tuple[str | None] | None = None
        self.headline = headline_tokens(doc)  # tokens on Title Case lines without a full stop

    @property
    def sentences(self) -> list[Span]:
        return self._sents

    def token_at(self, char: int) -> int:
        """Index of the token containing (or just before) character offset `char`."""
        return max(0, bisect_right(self._tok_starts, char) - 1)

    def sentence_index(self, char: int) -> int:
        return max(0, bisect_right(self._sent_starts, char) - 1)

    @contextmanager
    def guard(self, rule: str, token: int) -> Iterator[None]:
        """Run one application of `rule` at token `token`: an exception is logged with the document and
        the sentence, and swallowed, so only what this application would have found is lost."""
        try:
            yield
        except Exception as exc:  # any bug in a rule, on any text: never more than one sentence lost
            doc = self.doc
            i = self.sentence_index(doc[min(max(token, 0), len(doc) - 1)].idx) if len(doc) else 0
            sentence = self._sents[i].text if self._sents else ""
            failure = RuleFailure(rule, i, sentence[:_MAX_SENTENCE_CHARS], f"{exc.__class__.__name__}: {exc}")
            self.failures.append(failure)
            log.warning(
                "%s: rule %s failed on sentence %d (%s): %s",
                self.source,
                rule,
                i,
                " ".join(sentence.split())[:160],
                failure.error,
            )

    def record(self, fact: F, cues: list[tuple[int, int]]) -> F:
        """Keep why `fact` was extracted: its rule and the character spans of the words that fired it."""
        text = self.text
        spans = tuple(sorted({(max(0, s), min(len(text), e)) for s, e in cues if e > s}))
        self.explanations[fact.id] = Explanation(
            fact_id=fact.id,
            rule=fact.evidence.extractor,
            cues=tuple(text[s:e] for s, e in spans),
            spans=spans,
        )
        return fact

    def tokens_chars(self, start: int, end: int) -> tuple[int, int]:
        """Character span of tokens [start, end)."""
        doc = self.doc
        if end <= start:
            return doc[start].idx, doc[start].idx
        return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])

    def evidence(self, start: int, end: int, extractor: str, confidence: float) -> Evidence:
        """Evidence for the character span [start, end) of the document text. `confidence` is the rule's
        default; a calibrated value for `extractor` (`data/confidence.yaml`) replaces it."""
        confidence = load_calibration().get(extractor, confidence)
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
