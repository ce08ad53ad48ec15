"""Synthetic tech-policy articles of any count, reproducible by seed and stable by prefix.

Article `i` of seed `s` depends only on (s, i), so the first k articles of a corpus of n are the
corpus of k. Each article uses every cue the extractors know: quotes attributed after the quotation
("...," said X / X said / she added / according to X / the institute said / X and Y wrote), before
it (X said: "..." / X told reporters that "..." / partial quotes), continued quotations (same and
next paragraph, multi-paragraph); roles by title before the name, "Y's title X", "X, title of Y",
"X, of Y", "the new title of Y, X", "X, who heads Y", "X is the title of Y"; money in dollars, euros
and pounds flowing from a funder or policy to a sector or recipient. The generator also knows what
it wrote, so `extraction()` gives the ground-truth facts without spaCy (the fast path to a big graph).
"""

from __future__ import annotations

import bisect
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from graph.model import (
    Actor,
    ActorType,
    Document,
    Evidence,
    Extraction,
    Fact,
    Funding,
    Mention,
    Quote,
    Role,
    actor_key,
)
from ingest.names.gazetteer import load_gazetteer

__all__ = ["Article", "articles", "documents", "extractions", "write_corpus"]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SHE = _words(
    "Amara Sofia Ingrid Mei Priya Lucia Hannah Yasmin Noor Elena Freya Ama Leila Chiara Astrid Ines "
    "Keiko Nadia Zofia Marta Aisha Clara Rosa Tamsin Ottilie Helga Beatriz Anouk Saanvi Imogen"
)
_HE = _words(
    "Lukas Rafael Tomas Kwame Arjun Mateo Henrik Jonas Idris Kenji Milan Oskar Dmitri Emeka Felix "
    "Anders Rohan Viktor Malik Pieter Stefan Hugo Tariq Caspar Joaquin Ruben Callum Nikhil Wendell"
)
_LAST = _words(
    "Okafor Brandt Lindqvist Moreau Castellano Haddad Novak Oyelaran Kowalczyk Ferreira Takahashi "
    "Rasmussen Abernathy Delacroix Mbeki Varga Halloran Petrov Salgado Whitcombe Adeyemi Nakamura "
    "Vasquez Lindgren Okonkwo Marchetti Bergstrom Achterberg Quintero Szabo Thornbury Ivanova Mensah "
    "Kaczmarek Ellison Farrow Galloway Hartigan Iyer Jarvinen Kimura Lachance Mwangi Nordahl Osei "
    "Pellegrini Ramaswamy Sandoval Tanaka Ulrich Valente Wexler Yilmaz Zimmer Aldana Bexley Carvalho "
    "Dunmore Engstrom Fairbanks"
)
_BRANDS = _words(
    "Norvale Kestrel Ardent Brightwater Corvane Halcyon Meridian Oakhurst Pellucid Quillon Redmarsh "
    "Solvane Tarrant Umbra Vantor Westmere Yardley Zephyrine Alderney Bracken Caldera Drumlin Eskar "
    "Fenwick Greyfield Harrowgate Islay Juniper Kilbride Lowther"
)
_SUFFIXES = ("Semiconductor Corporation", "Robotics Group", "Data Institute", "Policy Institute",
             "Technology Council", "Digital Agency", "Cloud Alliance", "Quantum Laboratories",
             "Telecom Authority", "Innovation Foundation", "Battery Company", "Research Center")
_ORG_NOUNS = ("institute", "agency", "council", "foundation", "center", "group", "company", "commission",
              "committee", "ministry", "department", "bureau", "office", "authority", "corporation")
_TITLES = ("director", "chief executive", "senior fellow", "commissioner", "chief economist", "spokesperson",
           "deputy director", "general counsel", "head of policy", "chief technology officer",
           "senior analyst", "president")
_TITLES_BEFORE = ("Director", "Chief Executive", "Commissioner", "President", "Chief Economist")
_CITIES = ("Brussels", "Washington", "Tokyo", "Berlin", "Seoul", "Ottawa", "Canberra", "Singapore")
_SUBJECTS = ("This package", "The new export rule", "Our approach", "The funding", "This decision",
             "The proposal", "A common standard", "The review", "This partnership", "The licence regime")
_VERBS = ("will reshape", "puts at risk", "strengthens", "gives a lifeline to", "cannot replace",
          "will protect", "underestimates", "finally recognises", "ignores", "rebuilds")
_OBJECTS = ("the supply chains we depend on", "the way small firms compete", "trust in the whole system",
            "a decade of careful work", "the research base", "our own manufacturing capacity",
            "the talent pipeline", "the rules of open trade")
_TAILS = ("", " and we intend to keep it that way", ", whatever the cost", " for years to come",
          " before the end of the decade")
_PARTIALS = ("a race to the bottom", "long overdue reform", "a serious strategic mistake",
             "the most ambitious plan in a generation", "a blunt instrument")
_CURRENCIES = (("$", "USD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"))
_NUMBER_WORDS = ("two", "three", "four", "five", "ten")
_BACKGROUND = (
    "Negotiators have spent much of the year arguing over how to measure progress in {sector}.",
    "Industry groups in {country} warned that compliance costs would fall hardest on smaller firms.",
    "The debate has drawn in regulators, universities and investors on both sides of the Atlantic.",
    "Analysts expect the first results to be visible within two budget cycles at the earliest.",
    "Several members of the panel asked for clearer reporting on where the money actually goes.",
    "Trade officials in {country} have signalled they will watch the outcome closely.",
)
_MARKS = (("“", "”"), ("“", "”"), ("“", "”"), ('"', '"'), ("«", "»"))


@dataclass(frozen=True)
class Persona:
    actor: Actor
    title: str
    org: Actor
    pronoun: str


@dataclass(frozen=True)
class World:
    """The cast shared by every article of a seed: people with fixed jobs, organisations, topics."""

    persons: tuple[Persona, ...]
    person_cum: tuple[float, ...]  # cumulative Zipf weights: a few people speak often
    orgs: tuple[Actor, ...]
    countries: tuple[Actor, ...]
    sectors: tuple[Actor, ...]
    policies: tuple[Actor, ...]


def _zipf_cum(n: int, s: float = 0.6) -> tuple[float, ...]:
    total, out = 0.0, []
    for i in range(n):
        total += 1.0 / (i + 1) ** s
        out.append(total)
    return tuple(out)


@lru_cache(maxsize=4)
def world(seed: int, persons: int = 4000) -> World:
    rng = random.Random(f"world:{seed}")
    gaz = load_gazetteer()
    by_type: dict[ActorType, list[Actor]] = {t: [] for t in ActorType}
    for e in gaz.entries:
        by_type[e.type].append(Actor(key=e.id, name=e.name, type=e.type))
    fictional = [f"{b} {s}" for b in _BRANDS for s in _SUFFIXES]
    rng.shuffle(fictional)
    orgs = [Actor(key=actor_key(n, ActorType.ORGANISATION), name=n, type=ActorType.ORGANISATION)
            for n in fictional[:300]]
    orgs += [a for a in by_type[ActorType.ORGANISATION] if len(a.name.split()) >= 2]
    rng.shuffle(orgs)
    names = sorted({(f, last, "she") for f in _SHE for last in _LAST} | {(f, last, "he") for f in _HE
                                                                           for last in _LAST})
    rng.shuffle(names)
    people = []
    for n, (first, last, pronoun) in enumerate(names[:persons]):
        name = f"{first} {last}"
        org = orgs[int(rng.paretovariate(1.2) * 3 + n) % len(orgs)]
        people.append(Persona(Actor(key=actor_key(name, ActorType.PERSON), name=name, type=ActorType.PERSON),
                              rng.choice(_TITLES), org, pronoun))
    return World(tuple(people), _zipf_cum(len(people)), tuple(orgs), tuple(by_type[ActorType.COUNTRY]),
                 tuple(by_type[ActorType.SECTOR]), tuple(by_type[ActorType.POLICY]))


# -- planned facts (offsets into the body) ---------------------------------------------------------

@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class PlannedQuote:
    speaker: Actor
    start: int  # the quoted words, without marks
    end: int
    about: tuple[Actor, ...]
    evidence: _Span
    confidence: float


@dataclass(frozen=True)
class PlannedRole:
    person: Actor
    title: str
    org: Actor
    markers: tuple[str, ...]
    evidence: _Span


@dataclass(frozen=True)
class PlannedFunding:
    source: Actor
    target: Actor
    amount: str
    value: float
    currency: str
    period: str | None
    evidence: _Span


_Part = str | Actor | tuple[str, str]


@dataclass
class _Body:
    """Appends sentences and paragraphs, remembering where each marked piece lands."""

    text: list[str] = field(default_factory=list)
    pos: int = 0
    sentences: list[str] = field(default_factory=list)
    starts: dict[str, int] = field(default_factory=dict)  # first mention of each actor
    actors: dict[str, Actor] = field(default_factory=dict)
    para_open: bool = False

    def _put(self, s: str) -> None:
        self.text.append(s)
        self.pos += len(s)

    def paragraph(self) -> None:
        if self.para_open:
            self._put("\n\n")
            self.para_open = False

    def say(self, *parts: _Part) -> tuple[_Span, dict[str, tuple[int, int]]]:
        """One sentence from text, actors (written by name) and (text, label) pieces to locate."""
        if self.para_open:
            self._put(" ")
        self.para_open = True
        start, first, marks = self.pos, len(self.text), {}
        for p in parts:
            if isinstance(p, Actor):
                self.actors.setdefault(p.key, p)
                self.starts.setdefault(p.key, self.pos)
                self._put(p.name)
            elif isinstance(p, tuple):
                marks[p[1]] = (self.pos, self.pos + len(p[0]))
                self._put(p[0])
            else:
                self._put(p)
        self.sentences.append("".join(self.text[first:]))
        return _Span(start, self.pos, len(self.sentences) - 1), marks


@dataclass(frozen=True)
class Article:
    source: str
    title: str
    published: date
    body: str
    sentences: tuple[str, ...]
    actors: tuple[Actor, ...]
    first_mention: dict[str, int]
    quotes: tuple[PlannedQuote, ...]
    roles: tuple[PlannedRole, ...]
    funding: tuple[PlannedFunding, ...]

    @property
    def words(self) -> int:
        return len(self.body.split())

    def document(self) -> Document:
        return Document(source=self.source, text=self.body, title=self.title, published=self.published,
                        url=f"https://news.example.org/{Path(self.source).stem}")

    def file_text(self) -> str:
        return (f"---\ntitle: {self.title}\nurl: https://news.example.org/{Path(self.source).stem}\n"
                f"published: {self.published.isoformat()}\n---\n{self.body}\n")

    def extraction(self) -> Extraction:
        """The facts this article states, as the extractor should find them (ground truth)."""
        doc = self.document()
        doc_id = doc.id

        def ev(span: _Span, extractor: str, confidence: float) -> Evidence:
            return Evidence(doc_id=doc_id, sentence_index=span.sentence,
                            sentence=self.sentences[span.sentence], start=span.start, end=span.end,
                            extractor=extractor, confidence=confidence)

        facts: list[Fact] = []
        for q in self.quotes:
            facts.append(Quote(speaker=q.speaker, text=self.body[q.start:q.end], start=q.start,
                               end=q.end, about=q.about,
                               evidence=ev(q.evidence, "quotes.cue", q.confidence)))
        for r in self.roles:
            facts.append(Role(person=r.person, title=r.title, org=r.org, markers=r.markers,
                              evidence=ev(r.evidence, "roles.rules", 0.8)))
        for f in self.funding:
            facts.append(Funding(source=f.source, target=f.target, amount=f.amount, amount_value=f.value,
                                 currency=f.currency, period=f.period,
                                 evidence=ev(f.evidence, "funding.rules", 0.8)))
        for a in self.actors:
            start = self.first_mention[a.key]
            span = _Span(start, start + len(a.name), _sentence_of(self.sentences, self.body, start))
            facts.append(Mention(actor=a, evidence=ev(span, "mentions", 1.0)))
        return Extraction(document=doc, actors=self.actors, facts=tuple(facts))


def _lower(sector: Actor) -> str:
    return sector.name if sector.name[:1].isdigit() else sector.name.lower()


def _sentence_of(sentences: tuple[str, ...], body: str, start: int) -> int:
    pos = 0
    for i, s in enumerate(sentences):
        pos = body.find(s, pos)
        if pos <= start < pos + len(s):
            return i
        pos += len(s)
    return 0


# -- writing one article --------------------------------------------------------------------------

class _Writer:
    def __init__(self, seed: int, index: int) -> None:
        self.rng = random.Random(f"{seed}:{index}")
        self.w = world(seed)
        self.b = _Body()
        self.quotes: list[PlannedQuote] = []
        self.roles: list[PlannedRole] = []
        self.funding: list[PlannedFunding] = []
        self.index = index

    def person(self, exclude: set[str]) -> Persona:
        for _ in range(20):
            i = bisect.bisect_left(self.w.person_cum, self.rng.random() * self.w.person_cum[-1])
            p = self.w.persons[min(i, len(self.w.persons) - 1)]
            if p.actor.key not in exclude:
                return p
        return self.rng.choice(self.w.persons)

    def amount(self) -> tuple[str, float, str]:
        sym, code = self.rng.choice(_CURRENCIES)
        if self.rng.random() < 0.5:
            n = self.rng.randrange(10, 900, 5)
            return f"{sym}{n} million", n * 1e6, code
        x = self.rng.randrange(11, 95) / 10
        return f"{sym}{x:g} billion", x * 1e9, code

    def background(self, sector: Actor) -> None:
        """Sentences with no fact in them but a country mention, as real copy has."""
        for line in self.rng.sample(_BACKGROUND, 2):
            head, has_country, tail = line.format(sector=_lower(sector), country="\0").partition("\0")
            if has_country:
                self.b.say(head, self.rng.choice(self.w.countries), tail)
            else:
                self.b.say(head)

    def quote_text(self, sector: Actor, end: str) -> tuple[str, tuple[Actor, ...]]:
        r = self.rng
        about: tuple[Actor, ...] = ()
        obj = r.choice(_OBJECTS)
        if r.random() < 0.4:
            country = r.choice(self.w.countries)
            obj, about = f"the lead {country.name} has built in {_lower(sector)}", (country,)
        first = f"{r.choice(_SUBJECTS)} {r.choice(_VERBS)} {obj}{r.choice(_TAILS)}"
        if r.random() < 0.4:
            first += f". {r.choice(_SUBJECTS)} {r.choice(_VERBS)} {r.choice(_OBJECTS)}"
        return first + end, about

    def _quote(self, parts_before: list[_Part], text: str, parts_after: list[_Part], speakers: list[Actor],
               about: tuple[Actor, ...], confidence: float) -> None:
        o, c = self.rng.choice(_MARKS)
        span, m = self.b.say(*parts_before, o, (text, "q"), c, *parts_after)
        for speaker in speakers:
            self.quotes.append(PlannedQuote(speaker, *m["q"], about, span, confidence))
        for a in about:
            self.b.actors.setdefault(a.key, a)
            self.b.starts.setdefault(a.key, m["q"][0] + text.find(a.name))

    def role(self, p: Persona, title: str, markers: tuple[str, ...], span: _Span) -> None:
        self.roles.append(PlannedRole(p.actor, title, p.org, markers, span))

    def introduce(self, p: Persona, sector: Actor) -> None:
        """A sentence naming `p` with a job, in one of the role patterns, carrying a quote or not."""
        r, org, a = self.rng, p.org, p.actor
        style = r.randrange(7)
        q, about = self.quote_text(sector, ",")
        if style == 0 and " of " not in p.title:
            title = r.choice(_TITLES_BEFORE)
            self._quote([], q, [f" said {title} of the ", org, " ", a, "."], [a], about, 0.9)
            self.role(p, title, (), self.quotes[-1].evidence)
        elif style == 1:
            span, _ = self.b.say(org, f"’s {p.title} ", a, f" opened the hearing in {r.choice(_CITIES)}.")
            self.role(p, p.title, (), span)
        elif style == 2:
            self._quote([], q, [" said ", a, f", {p.title} of ", org, "."], [a], about, 0.9)
            self.role(p, p.title, (), self.quotes[-1].evidence)
        elif style == 3:
            span, _ = self.b.say(a, ", of ", org, ", called for a public consultation.")
            self.roles.append(PlannedRole(a, "", org, (), span))
        elif style == 4:
            marker = r.choice(("new", "former", "acting"))
            span, _ = self.b.say(f"The meeting was chaired by the {marker} {p.title} of ", org, ", ", a, ".")
            self.role(p, p.title, (marker,), span)
        elif style == 5:
            span, _ = self.b.say(a, ", who heads ", org, ", did not attend.")
            self.role(p, "head", (), span)
        else:
            span, _ = self.b.say(a, f" is the {p.title} of ", org, ".")
            self.role(p, p.title, (), span)

    def speak(self, p: Persona, sector: Actor) -> None:
        """A quotation by an already-introduced person, in one of the attribution patterns."""
        r, a = self.rng, p.actor
        surname = a.name.split()[-1]
        style = r.randrange(6)
        if style == 0:
            q, about = self.quote_text(sector, ",")
            self._quote([], q, [f" {surname} said."], [a], about, 0.9)
        elif style == 1:
            q, about = self.quote_text(sector, ".")
            self._quote([f"{surname} said: "], q, [], [a], about, 0.85)
        elif style == 2:
            q, about = self.quote_text(sector, ".")
            self._quote([f"{surname} told reporters that "], q, [], [a], about, 0.85)
        elif style == 3:
            q, about = self.quote_text(sector, ",")
            self._quote([], q, [f" according to {a.name}."], [a], about, 0.85)
        elif style == 4:
            self._quote([f"{surname} described the measure as "], r.choice(_PARTIALS), ["."], [a], (), 0.6)
        else:
            q, about = self.quote_text(sector, ",")
            self._quote([], q, [f" {surname} said."], [a], about, 0.9)
            q2, about2 = self.quote_text(sector, ".")
            self._quote([], q2, [], [a], about2, 0.75)  # continues in the same paragraph
        if r.random() < 0.35:
            q, about = self.quote_text(sector, ",")
            self._quote([], q, [f" {p.pronoun} added."], [a], about, 0.8)

    def fund(self, funder: Actor, sector: Actor, policy: Actor, recipient: Actor) -> None:
        r = self.rng
        text, value, code = self.amount()
        n = r.choice(_NUMBER_WORDS)
        style = r.randrange(4)
        if style == 0:
            span, _ = self.b.say(funder, f" will invest {text} in ", sector, f" over {n} years.")
            self.funding.append(PlannedFunding(funder, sector, text, value, code, f"over {n} years", span))
        elif style == 1:
            span, _ = self.b.say("Under the ", policy, f", {text} will go to ", sector, ".")
            self.funding.append(PlannedFunding(policy, sector, text, value, code, None, span))
        elif style == 2:
            span, _ = self.b.say(funder, f"’s {text} investment in ", sector, " drew praise from industry.")
            self.funding.append(PlannedFunding(funder, sector, text, value, code, None, span))
        else:
            span, _ = self.b.say(recipient, f" will receive {text} from ", funder, ".")
            self.funding.append(PlannedFunding(funder, recipient, text, value, code, None, span))

    def write(self) -> Article:
        r, w, b = self.rng, self.w, self.b
        sector, policy = r.choice(w.sectors), r.choice(w.policies)
        funder, recipient = r.choice(w.orgs), r.choice(w.orgs)
        while recipient.key == funder.key:
            recipient = r.choice(w.orgs)
        city = r.choice(_CITIES)
        b.say(f"{city} — Officials outlined new support for {_lower(sector)} on Tuesday as debate over the ",
              policy, " intensified.")
        self.fund(funder, sector, policy, recipient)
        b.paragraph()
        seen: set[str] = set()
        cast = []
        for _ in range(r.randint(3, 5)):
            p = self.person(seen)
            seen.add(p.actor.key)
            cast.append(p)
            self.introduce(p, sector)
            self.speak(p, sector)
            b.paragraph()
            if r.random() < 0.5:
                self.background(sector)
                b.paragraph()
        if r.random() < 0.5:
            self.fund(r.choice(w.orgs), r.choice(w.sectors), policy, recipient)
        org = cast[0].org
        noun = next((n for n in _ORG_NOUNS if n in org.name.lower().split()), None)
        if noun:
            b.say(org, " published its own assessment the same day.")
            q, about = self.quote_text(sector, ",")
            self._quote([], q, [f" the {noun} said."], [org], about, 0.8)
        if len(cast) >= 2 and r.random() < 0.5:
            b.paragraph()
            q, about = self.quote_text(sector, ",")
            one, two = cast[0].actor, cast[1].actor
            self._quote([], q, [" ", one, " and ", two, " wrote in a joint letter."], [one, two], about, 0.9)
        if r.random() < 0.3:  # a quotation running over two paragraphs
            b.paragraph()
            p = cast[-1]
            q1, about1 = self.quote_text(sector, ".")
            q2, about2 = self.quote_text(sector, ",")
            o, c = "“", "”"
            span1, m1 = b.say(o, (q1, "q"))
            b.paragraph()
            _, m2 = b.say(o, (q2, "q"), c, f" said {p.actor.name.split()[-1]}.")
            start, end = m1["q"][0], m2["q"][1]
            about = tuple({a.key: a for a in about1 + about2}.values())
            self.quotes.append(PlannedQuote(p.actor, start, end, about, span1, 0.9))
            for a in about:
                b.actors.setdefault(a.key, a)
                b.starts.setdefault(a.key, start)
        published = date(2019, 1, 1) + timedelta(days=r.randrange(2700))
        body = "".join(b.text)
        slug = re.sub(r"[^a-z0-9]+", "-", f"{sector.name} {policy.name}".lower()).strip("-")
        return Article(
            source=f"synthetic/{self.index:07d}-{slug}.txt",
            title=f"{policy.name}: new money and old arguments over {_lower(sector)}",
            published=published, body=body, sentences=tuple(b.sentences), actors=tuple(b.actors.values()),
            first_mention=dict(b.starts), quotes=tuple(self.quotes), roles=tuple(self.roles),
            funding=tuple(self.funding),
        )


def articles(count: int, seed: int = 7, start: int = 0) -> Iterator[Article]:
    """Articles `start .. start+count-1` of the corpus of `seed`."""
    for i in range(start, start + count):
        yield _Writer(seed, i).write()


def documents(count: int, seed: int = 7, start: int = 0) -> Iterator[Document]:
    for a in articles(count, seed, start):
        yield a.document()


def extractions(count: int, seed: int = 7, start: int = 0) -> Iterator[Extraction]:
    """Ground-truth extractions of the articles, built without spaCy."""
    for a in articles(count, seed, start):
        yield a.extraction()


def write_corpus(folder: Path, count: int, seed: int = 7, start: int = 0) -> list[Path]:
    """Write articles as .txt files with front matter; return their paths (existing files are overwritten)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for a in articles(count, seed, start):
        path = folder / Path(a.source).name
        path.write_text(a.file_text(), encoding="utf-8")
        paths.append(path)
    return paths
