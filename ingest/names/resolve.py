"""In-document entity resolution: one actor per real-world thing, with every alias kept.

Full name <- surname <- pronoun; acronym <-> expansion (via the gazetteer or "Name (ACR)");
"the US" <-> "United States". Identity across documents is `graph.model.actor_key`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from graph.model import Actor, ActorType, actor_key
from ingest.lexicon import ORG_HEADS, ORG_NOUNS
from ingest.names.forms import (
    PARTY_TAG,
    acronym_like,
    clean_name,
    clean_person,
    initials,
    portfolio_word,
    shorter_form,
)
from ingest.names.gazetteer import Gazetteer

_LABEL_TYPES = {"PERSON": ActorType.PERSON, "ORG": ActorType.ORGANISATION, "LAW": ActorType.POLICY}
_PERSON_PRONOUNS = {"he", "she", "him", "his", "her"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_LOOKBACK_SENTENCES = 4
_RECENT_MENTIONS = 64
# Labels the small model gives surnames by mistake ("Vanhove" as WORK_OF_ART).
_MISREAD = {"WORK_OF_ART", "PRODUCT", "GPE", "LOC", "FAC", "NORP", "EVENT", "LANGUAGE"}


@dataclass(frozen=True)
class Ref:
    """A mention of an actor: token span [start, end) and the actor's key."""

    start: int
    end: int
    key: str
    type: ActorType
    subject: bool = False


@dataclass
class _Cluster:
    name: str
    type: ActorType
    key: str
    aliases: dict[str, None] = field(default_factory=dict)


class Resolver:
    """Actors and mentions of one parsed document."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self._clusters: dict[str, _Cluster] = {}
        self.refs: list[Ref] = []
        self._pronouns: dict[int, str] = {}
        self._build()

    # -- building --------------------------------------------------------------------------
    def _cluster(self, name: str, type_: ActorType, key: str, alias: str) -> str:
        c = self._clusters.get(key)
        if c is None:
            c = self._clusters[key] = _Cluster(name, type_, key)
        elif type_ is ActorType.PERSON and len(name) > len(c.name):
            c.name = name
        c.aliases[alias] = None
        return key

    def _build(self) -> None:
        doc = self.doc
        persons: dict[str, str] = {}  # full name -> key
        singles: list[tuple[Span, str]] = []
        orgs: list[tuple[Span, str]] = []
        misread: list[tuple[Span, str]] = []  # "The X Undertaking" as WORK_OF_ART, named as an ORG before
        weight = self.weight = self._jurisdictions()
        for ent in doc.ents:
            entry = self.gazetteer.get(ent.kb_id_) if ent.kb_id_ else None
            if entry is None and ent.label_ in {"ORG", "LAW", "GPE", "WORK_OF_ART"}:
                entry = self.gazetteer.lookup(ent.text)
            if entry is not None:
                entry = self.gazetteer.in_jurisdiction(entry, clean_name(ent.text), weight)
            if entry is None and ent.label_ == "ORG" and len(ent) == 1:
                entry = self.gazetteer.lookup_title_form(ent.text)  # "Commerce" in "Commerce Secretary X"
            if entry is not None:
                key = self._cluster(entry.name, entry.type, entry.id, ent.text)
                self._add_ref(ent, key, entry.type)
            elif ent.label_ == "PERSON":
                name, span = clean_person(ent)
                if len(span) >= 2 and name:
                    key = persons.setdefault(name, actor_key(name, ActorType.PERSON))
                    self._cluster(name, ActorType.PERSON, key, name)
                    self._add_ref(span, key, ActorType.PERSON)
                elif name:
                    singles.append((span, name))
            elif portfolio_word(ent):
                continue  # "Education" of "Education Secretary": the title's remit, not a body's short name
            elif (ent.label_ in {"ORG", "LAW"} and len(ent.text) > 1) or acronym_like(ent):
                orgs.append((ent, clean_name(ent.text)))
            elif ent.label_ in _MISREAD and len(ent) >= 2:
                misread.append((ent, clean_name(ent.text)))
        self._resolve_singles(singles, orgs, persons)
        self._resolve_orgs(orgs)
        self._resolve_misread(misread)
        self.refs.sort(key=lambda r: r.start)
        self._starts = [r.start for r in self.refs]
        self._resolve_pronouns()

    def _jurisdictions(self) -> dict[str, int]:
        """How often the text names each country or bloc, directly or through its bodies; a party tag
        of a member of Congress ("(R-Ohio)") counts for the United States."""
        weight: dict[str, int] = {}
        for ent in self.doc.ents:
            entry = self.gazetteer.get(ent.kb_id_) if ent.kb_id_ else None
            if entry is not None:
                for j in {entry.id, entry.region}:
                    if j is not None:
                        weight[j] = weight.get(j, 0) + 1
        tags = len(PARTY_TAG.findall(self.doc.text))
        if tags:
            weight["country:us"] = weight.get("country:us", 0) + tags
        return weight

    def _add_ref(self, span: Span, key: str, type_: ActorType) -> None:
        subject = span.root.dep_ in _SUBJECT_DEPS
        self.refs.append(Ref(span.start, span.end, key, type_, subject))

    def _resolve_singles(
        self, singles: list[tuple[Span, str]], orgs: list[tuple[Span, str]], persons: dict[str, str]
    ) -> None:
        """Surnames (and given names) to the full name that contains them."""
        by_word: dict[str, str] = {}
        for full, key in persons.items():
            words = full.replace(".", "").split()
            for w in (words[0], *words[1:]):
                by_word.setdefault(w.lower(), key)
            by_word[words[-1].lower()] = key
        still_orgs = []
        n_singles = len(singles)
        for n, (span, name) in enumerate([*singles, *orgs]):
            known = by_word.get(name.lower()) if " " not in name else None
            if known:
                self._cluster(self._clusters[known].name, ActorType.PERSON, known, name)
                self._add_ref(span, known, ActorType.PERSON)
            elif n < n_singles:
                key = self._cluster(name, ActorType.PERSON, actor_key(name, ActorType.PERSON), name)
                self._add_ref(span, key, ActorType.PERSON)
            else:
                still_orgs.append((span, name))
        orgs[:] = still_orgs
        for tok in self.doc:  # surnames the NER missed: "Torres added"
            untyped = not tok.ent_type_ or (tok.ent_type_ in _MISREAD and not tok.ent_kb_id_)
            named = tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.dep_ in _SUBJECT_DEPS)  # "Ilves said"
            surname = by_word.get(tok.lower_) if named and untyped else None
            if surname and tok.text[:1].isupper() and len(tok) > 2:
                self._cluster(self._clusters[surname].name, ActorType.PERSON, surname, tok.text)
                self._add_ref(self.doc[tok.i : tok.i + 1], surname, ActorType.PERSON)

    def _resolve_orgs(self, orgs: list[tuple[Span, str]]) -> None:
        """Unknown organisations: "Name (ACR)" pairs, initials, and shorter forms of longer names."""
        doc = self.doc
        forms: dict[str, str] = {
            alias: c.key
            for c in self._clusters.values()
            if c.type in (ActorType.ORGANISATION, ActorType.POLICY)
            for alias in (c.name, *c.aliases)
        }
        defined: dict[str, tuple[str, ActorType, int]] = {}
        for span, name in sorted(orgs, key=lambda sn: -len(sn[1])):
            type_ = _LABEL_TYPES.get(span.label_, ActorType.ORGANISATION)
            key = forms.get(name) or next(
                (k for f, k in forms.items() if not name.isupper() and shorter_form(name, f)), None
            )
            if key is None and " " not in name and name.lower() in ORG_HEADS | ORG_NOUNS:
                # "the Commission", "the Department": the body named before whose name has that word
                word = name.lower()
                key = next((k for f, k in reversed(forms.items()) if word in f.lower().split()), None)
            if key is None:
                key = next((k for f, k in forms.items() if initials(f) == name), None)
            if key is None:
                key = actor_key(name, type_)
            forms.setdefault(name, key)
            self._cluster(name, type_, key, name)
            self._add_ref(span, key, type_)
            after = doc[span.end : span.end + 3]
            if len(after) == 3 and after[0].text == "(" and after[2].text == ")" and after[1].is_upper:
                forms.setdefault(after[1].text, key)
                defined[after[1].text] = (key, type_, after[2].i)
        for tok in doc:  # "(AIRA)" defined once, then "AIRA" bare where the NER saw nothing
            found = defined.get(tok.text)
            if found is not None and tok.i > found[2] and not tok.ent_type_:
                self._add_ref(doc[tok.i : tok.i + 1], found[0], found[1])

    def _resolve_misread(self, spans: list[tuple[Span, str]]) -> None:
        """A mislabelled entity written exactly as an organisation the text already named."""
        forms = {
            alias.lower(): c.key
            for c in self._clusters.values()
            if c.type is ActorType.ORGANISATION
            for alias in (c.name, *c.aliases)
        }
        for span, name in spans:
            key = forms.get(name.lower())
            if key is not None:
                self._add_ref(span, key, ActorType.ORGANISATION)

    def _resolve_pronouns(self) -> None:
        """Each person pronoun to the most salient earlier person: subjects first, nearest first."""
        seen: list[Ref] = []
        refs = iter(self.refs)
        nxt = next(refs, None)
        for tok in self.doc:
            while nxt is not None and nxt.start <= tok.i:
                if nxt.type is ActorType.PERSON:
                    seen.append(nxt)
                nxt = next(refs, None)
            if tok.lower_ in _PERSON_PRONOUNS and tok.pos_ == "PRON":
                key = self._antecedent(tok, seen)
                if key:
                    self._pronouns[tok.i] = key
                    ref = Ref(tok.i, tok.i + 1, key, ActorType.PERSON, tok.dep_ in _SUBJECT_DEPS)
                    seen.append(ref)

    def _antecedent(self, tok: Token, seen: list[Ref]) -> str | None:
        sent_start = tok.sent.start
        doc = self.doc
        recent = seen[-_RECENT_MENTIONS:]  # a bounded window keeps resolution linear in the text
        starts = [r.start for r in recent]
        for back in range(_LOOKBACK_SENTENCES):
            in_sent = recent[bisect_left(starts, sent_start) : bisect_left(starts, tok.i)]
            if in_sent:
                subjects = [r for r in in_sent if r.subject]
                return (subjects or in_sent)[-1].key
            if sent_start == 0 or back == _LOOKBACK_SENTENCES - 1:
                return None
            tok = doc[sent_start - 1]
            sent_start = tok.sent.start
        return None

    # -- queries ---------------------------------------------------------------------------
    def actor(self, key: str) -> Actor:
        c = self._clusters[key]
        aliases = tuple(a for a in c.aliases if a != c.name)
        return Actor(key=c.key, name=c.name, type=c.type, aliases=aliases)

    def actors(self) -> tuple[Actor, ...]:
        return tuple(self.actor(k) for k in self._clusters)

    def refs_between(self, start: int, end: int) -> list[Ref]:
        """Mentions lying inside tokens [start, end), in order."""
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.refs) and self.refs[i].start < end:
            if self.refs[i].end <= end:
                out.append(self.refs[i])
            i += 1
        return out

    def ref_at(self, i: int) -> Ref | None:
        j = bisect_left(self._starts, max(0, i - 12))
        while j < len(self.refs) and self.refs[j].start <= i:
            if i < self.refs[j].end:
                return self.refs[j]
            j += 1
        return None

    def pronoun(self, i: int) -> str | None:
        """The person a pronoun token refers to, if resolved."""
        return self._pronouns.get(i)

    def person_keys(self) -> list[str]:
        return [k for k, c in self._clusters.items() if c.type is ActorType.PERSON]

    def add_actor(self, name: str, type_: ActorType, key: str | None = None) -> str:
        """Register an actor found by an extractor (a descriptive funding recipient, say)."""
        return self._cluster(name, type_, key or actor_key(name, type_), name)

    def add_known(self, entry_id: str) -> str:
        """Register the gazetteer actor `entry_id` (an office a title implies) and return its key."""
        entry = self.gazetteer.get(entry_id)
        if entry is None:
            raise KeyError(f"no gazetteer entry {entry_id!r}")
        return self._cluster(entry.name, entry.type, entry.id, entry.name)

    def org_for_title_words(self, text: str) -> str | None:
        """The body named inside a title ("Commerce", "NSF", "Central Policy Research Office")."""
        entry = self.gazetteer.lookup_title_form(clean_name(text))
        if entry is not None:
            return self._cluster(entry.name, entry.type, entry.id, text)
        return None


def possessive(doc: Doc, r: Ref) -> bool:
    """ "Axion Tools' chief financial officer": the mention owns what follows."""
    return r.end < len(doc) and doc[r.end].text in ("'s", "’s", "'", "’")
