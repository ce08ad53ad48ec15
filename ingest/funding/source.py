"""Who pays: the source of a flow, where the text ties it to the amount.

In order: "from X" / "by X" / "funded by X" after the amount; a possessor ("NSF's $150 million
investment") or a country's adjective ("€623 million in German State aid", "an Italian measure");
the subject of the verb that gives ("NTIA has awarded", "with NVIDIA providing", "USDA Secretary
Vilsack announced" -> his department); a programme money flows "under", "through" or "via". The
flow extractor falls back on the funder in focus (`focus.py`) when none of these is written.
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.model import ActorType
from ingest.context import DocContext
from ingest.funding.amounts import Amount
from ingest.funding.parties import (
    SOURCE_TYPES,
    Party,
    amount_verb,
    gives,
    line_subject_start,
    phrase_party,
    ref_party,
    refs,
    sizing_verb,
    subject_of,
)
from ingest.funding.vocabulary import vocabulary
from ingest.lexicon import ORG_NOUNS, POLICY_HEADS

_SUBNATIONAL = {"state", "province", "city", "region", "county", "commonwealth"}
_PRONOUNS = {"it", "they", "we", "which", "that", "who"}
_POLICY_NOUNS = {
    "bill",
    "legislation",
    "act",
    "law",
    "measure",
    "package",
    "proposal",
    "program",
    "programme",
}


class Sources:
    """Source rules for the amounts of one document."""

    def __init__(self, ctx: DocContext, person_orgs: dict[str, list[str]]) -> None:
        self.ctx, self.doc = ctx, ctx.doc
        self.person_orgs = person_orgs

    def find(self, amount: Amount, stop: int) -> Party | None:
        """The source the text ties to `amount`; `stop` ends the amount's clause."""
        return (
            self.sized(amount)
            or self._owner(amount)
            or self._from(amount, stop)
            or self._subject(amount)
            or self._programme(amount, stop)
        )

    def sized(self, amount: Amount) -> Party | None:
        """ "The $369 billion Inflation Reduction Act funds X": the amount sizes the funder after it."""
        found = sizing_verb(self.ctx, amount)
        return ref_party(found[0], "sized") if found is not None else None

    # -- "from X", "by X" --------------------------------------------------------------------
    def _from(self, amount: Amount, stop: int) -> Party | None:
        doc = self.doc
        for tok in doc[amount.end : stop]:
            low = tok.lower_
            if low == "from" or (
                low == "by" and doc[tok.i - 1].lower_ in ("funded", "provided", "backed", "awarded")
            ):
                party = phrase_party(self.ctx, tok.i + 1, stop, "from", SOURCE_TYPES, owner=True)
                if party is not None:
                    return party
            if low in ("to", "for") and tok.i > amount.end + 3:
                break  # "from X" belongs to the amount only before its target
            if tok.pos_ == "VERB" and tok.lemma_ not in ("fund", "provide", "back", "award", "come", "flow"):
                break  # "... investment drew praise from industry": another verb's "from"
        sent = doc[amount.start].sent
        for tok in doc[sent.start : amount.start]:  # "With funding from the X Law, these grants ..."
            if tok.lower_ == "from" and tok.i > 0 and doc[tok.i - 1].lower_ in vocabulary().funding_nouns:
                return phrase_party(self.ctx, tok.i + 1, amount.start, "from", SOURCE_TYPES)
        return None

    # -- "NSF's $150 million investment", "€623 million in German State aid" --------------------
    def _owner(self, amount: Amount) -> Party | None:
        doc, ctx = self.doc, self.ctx
        before = refs(ctx, max(0, amount.start - 14), amount.start, SOURCE_TYPES)
        for r in reversed(before):
            if r.end < len(doc) and doc[r.end].text in ("'s", "’s", "'", "’"):
                between = doc[r.end + 1 : amount.start]
                if all(t.is_alpha and t.pos_ != "VERB" for t in between):
                    return ref_party(r, "owner")
        nouns = vocabulary().funding_nouns
        window = doc[amount.end : min(len(doc), amount.end + 5)]
        for tok in window:  # "in German State aid", "Italian measure", "of government investment"
            if tok.lower_ in nouns:
                named = refs(ctx, amount.end, tok.i, SOURCE_TYPES)  # "a $1.5 million EDA grant"
                named = [r for r in named if r.type is not ActorType.COUNTRY and r.end == tok.i]
                if named:
                    return ref_party(named[0], "owner")
                for mod in doc[amount.end : tok.i]:
                    entry = ctx.resolver.gazetteer.lookup_demonym(mod.text)
                    if entry is not None:
                        return Party(ctx.resolver.add_known(entry.id), mod.i, mod.i + 1, "owner.country")
                    if mod.lower_ == "government":
                        gov = self._government()
                        if gov is not None:
                            return Party(gov, mod.i, mod.i + 1, "owner.government")
                break
        return None

    def _government(self) -> str | None:
        """ "government investment": the government of the country the text is about most."""
        weight = self.ctx.resolver.weight
        countries = [(v, k) for k, v in weight.items() if k.startswith("country:")]
        if not countries:
            return None
        entry = self.ctx.resolver.gazetteer.get(max(countries)[1])
        if entry is None:
            return None
        for e in self.ctx.resolver.gazetteer.entries:  # "UK Government" when the gazetteer knows it
            if e.region == entry.id and e.name.lower().endswith("government"):
                return self.ctx.resolver.add_known(e.id)
        short = entry.acronyms[0] if entry.acronyms else entry.name
        return self.ctx.resolver.add_actor(f"{short} government", ActorType.ORGANISATION)

    # -- "NTIA has awarded", "with NVIDIA providing", "Secretary Vilsack announced" --------------
    def _subject(self, amount: Amount) -> Party | None:
        doc = self.doc
        verb = amount_verb(doc, amount)
        if verb.pos_ not in ("VERB", "AUX") or not gives(verb):
            return None
        if any(c.dep_ == "auxpass" for c in verb.children):
            agents = [c for c in verb.children if c.dep_ == "agent"]
            if agents:
                return phrase_party(
                    self.ctx, agents[0].i + 1, agents[0].right_edge.i + 1, "agent", SOURCE_TYPES
                )
            return None
        subj = subject_of(verb)
        line_start = line_subject_start(verb)
        if line_start is not None:  # the parser ran a headline into the sentence: the line's own subject
            named = [
                r for r in refs(self.ctx, line_start, verb.i, SOURCE_TYPES) if r.type is not ActorType.COUNTRY
            ]
            return ref_party(named[-1], "subject") if named else None
        return self._actor(subj, "subject") if subj is not None else None

    def subject_actor(self, subj: Token) -> Party | None:
        """The funder a subject stands for, for the funder-in-focus search."""
        return self._actor(subj, "focus")

    def _actor(self, subj: Token, how: str) -> Party | None:
        """The funder a subject names: an organisation, a person's own department, "it", "the bill"."""
        ctx = self.ctx
        named = refs(ctx, subj.left_edge.i, subj.right_edge.i + 1, (*SOURCE_TYPES, ActorType.PERSON))
        named = [r for r in named if r.start <= subj.i < r.end] or named
        if named:
            r = named[-1]
            if r.type is not ActorType.PERSON:
                return ref_party(r, how)
            orgs = self.person_orgs.get(r.key, [])
            return Party(orgs[0], r.start, r.end, f"{how}.person-org") if orgs else None
        low = subj.lower_
        if low in ("which", "that", "who") and subj.head.dep_ == "relcl":
            return self._relative(subj.head.head, how)
        if low in _PRONOUNS:
            return self._antecedent(subj)
        if low in _POLICY_NOUNS and any(c.lower_ in ("the", "this") for c in subj.children):
            policies = refs(ctx, 0, subj.i, (ActorType.POLICY,))
            if policies:
                return Party(policies[-1].key, subj.i, subj.i + 1, f"{how}.the-bill")
            return self._policy_in_headline(subj)
        if low == "government" and any(c.lower_ in ("the", "this") for c in subj.children):
            gov = self._government()  # "The government will provide £20 million"
            return Party(gov, subj.i, subj.i + 1, f"{how}.government") if gov else None
        if low in _SUBNATIONAL:
            return self._subnational(subj, how)
        if subj.ent_type_ == "GPE" and subj.pos_ == "PROPN":  # "Arizona will provide": the state
            ent = next((e for e in self.doc.ents if e.start <= subj.i < e.end), None)
            if ent is not None:
                key = ctx.resolver.add_actor(ent.text, ActorType.ORGANISATION)
                return Party(key, ent.start, ent.end, f"{how}.state")
        if low in ORG_NOUNS and any(c.lower_ in ("the", "this") for c in subj.children):
            for r in reversed(refs(ctx, 0, subj.i, (ActorType.ORGANISATION,))):
                if low in ctx.resolver.actor(r.key).name.lower():
                    return Party(r.key, subj.i, subj.i + 1, f"{how}.definite")
        return None

    def _relative(self, noun: Token, how: str) -> Party | None:
        """ "the X Act, a bill that would provide $Y": what the relative clause hangs from, or the name it
        stands in apposition to."""
        if noun.dep_ == "appos":
            noun = noun.head
        named = refs(self.ctx, noun.left_edge.i, noun.i + 1, SOURCE_TYPES)
        return Party(named[-1].key, named[-1].start, named[-1].end, f"{how}.relative") if named else None

    def _subnational(self, noun: Token, how: str) -> Party | None:
        """ "The state of Ohio will provide": the state government, named "State of Ohio"."""
        for prep in (c for c in noun.children if c.lower_ == "of"):
            objs = [c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ == "GPE"]
            if objs:
                name = f"{noun.text.capitalize()} of {self.doc[objs[0].left_edge.i : objs[0].i + 1].text}"
                key = self.ctx.resolver.add_actor(name, ActorType.ORGANISATION)
                return Party(key, noun.i, objs[0].i + 1, f"{how}.state")
        return None

    def _antecedent(self, pron: Token) -> Party | None:
        """ "NTIA announced today it has awarded": the organisation that was the subject just before;
        "we" in a quotation: the speaker's own body; "It provides $X" after "The legislation is ...":
        the previous sentence's subject."""
        ctx = self.ctx
        speaker = ctx.speaker_at.get(pron.i)
        if speaker is not None and pron.lower_ == "we":
            orgs = self.person_orgs.get(speaker, [])
            return Party(orgs[0], pron.i, pron.i + 1, "subject.we") if orgs else None
        sent = pron.sent
        before = [r for r in refs(ctx, sent.start, pron.i, SOURCE_TYPES) if r.subject]
        if before:
            return Party(before[-1].key, pron.i, pron.i + 1, "subject.pronoun")
        if pron.lower_ == "it" and sent.start > 0:
            prev = self.doc[sent.start - 1].sent
            subj = [t for t in prev if t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and t.pos_ != "PRON"]
            if subj:
                found = self._actor(subj[0], "subject.pronoun")
                if found is not None:
                    return Party(found.key, pron.i, pron.i + 1, "subject.pronoun")
        return None

    def _policy_in_headline(self, noun: Token) -> Party | None:
        """ "The legislation ..." where only the headline names the bill ("X Appropriations Bill ...")."""
        doc = self.doc
        first_break = next((t.i for t in doc if t.is_space and "\n" in t.text), len(doc))
        words = doc[:first_break]
        for t in words:
            if t.lower_ in POLICY_HEADS and t.text[:1].isupper():
                start = t.i
                while start > 0 and (
                    doc[start - 1].text[:1].isupper()
                    or doc[start - 1].text in (",", "&")
                    or (doc[start - 1].lower_ == "and" and start > 1 and doc[start - 2].text == ",")
                ):  # "House Commerce, Justice, Science, and Related Agencies Appropriations Bill"
                    start -= 1
                while start < t.i and not doc[start].text[:1].isupper():
                    start += 1
                name = doc[start : t.i + 1].text
                return Party(
                    self.ctx.resolver.add_actor(name, ActorType.POLICY),
                    noun.i,
                    noun.i + 1,
                    "subject.the-bill",
                )
        return None

    # -- "under the X Programme", "through UKRI" ------------------------------------------------
    def _programme(self, amount: Amount, stop: int) -> Party | None:
        doc, preps = self.doc, vocabulary().programme_preps
        sent = doc[amount.start].sent
        for tok in doc[sent.start : stop]:
            low = tok.lower_
            part_of = (
                low == "of"
                and tok.i >= 2
                and doc[tok.i - 1].lower_ == "part"
                and doc[tok.i - 2].lower_ == "as"
            )
            if low in preps or part_of:
                party = phrase_party(self.ctx, tok.i + 1, stop, "programme", SOURCE_TYPES, owner=True)
                if (
                    party is not None
                    and self.ctx.resolver.actor(party.key).type in SOURCE_TYPES
                    and (refs(self.ctx, party.start, party.end, SOURCE_TYPES))
                ):
                    return party
        return None
