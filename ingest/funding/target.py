"""Who or what receives: the target of a flow, where the text ties it to the amount.

Recipients first: the subject of a receiving verb ("X will receive $Y", "X will use a $Y grant"),
the indirect object ("awarded X $Y"), "provides X with $Y", the label of a list item ("UND – $Y",
"Blue Origin LLC of Kent, Washington, $Y"), "to X", "for X" when X is named. Then the purpose:
"to support X", "in support of X", "for X", "in X" after "invest", "toward X".
"""

from __future__ import annotations

from spacy.tokens import Token

from ingest.context import DocContext
from ingest.funding.amounts import Amount
from ingest.funding.parties import (
    SOURCE_TYPES,
    TARGET_TYPES,
    Party,
    amount_verb,
    gives,
    line_subject_start,
    paragraph_start,
    phrase_party,
    ref_party,
    refs,
    sizing_verb,
    subject_of,
)
from ingest.funding.vocabulary import vocabulary

_SKIP = {"in", "of"}  # "$X in grants and loans to ...", "$X of credit subsidy funding"
_LABEL_DASH = {"–", "—", "-", ":"}
_SOURCE_PREPS = {"from", "under", "through", "via"}


class Targets:
    """Target rules for the amounts of one document."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx, self.doc = ctx, ctx.doc

    def find(self, amount: Amount, stop: int, sent_end: int) -> Party | None:
        """The target of `amount`; `stop` ends its clause (the next amount), `sent_end` its sentence."""
        return (
            self._sized(amount)
            or self._receiver(amount)
            or self._dative(amount)
            or self._label(amount)
            or self._to_named(amount, stop)
            or self._purpose(amount, sent_end)
        )

    # -- recipients -----------------------------------------------------------------------------
    def _receiver(self, amount: Amount) -> Party | None:
        """ "X will receive $Y", "X will use a $Y grant", "X have been selected for funding worth $Y"."""
        doc, vocab = self.doc, vocabulary()
        verb = amount_verb(doc, amount)
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        if verb.lemma_ not in vocab.receive_verbs and not (passive and gives(verb)):
            return None
        if verb.i > amount.start and verb.lemma_ != "use":
            return None
        objects = [c for c in verb.head.children if c.dep_ == "dobj"] if verb.dep_ == "xcomp" else []
        if objects:  # "the Commission has selected 38 start-ups to receive €176 million"
            obj = objects[0]
            return phrase_party(self.ctx, obj.left_edge.i, obj.right_edge.i + 1, "receiver", TARGET_TYPES)
        subj = subject_of(verb)
        line_start = line_subject_start(verb)
        if line_start is not None:
            return phrase_party(self.ctx, line_start, verb.i, "receiver", TARGET_TYPES)
        if subj is not None and subj.lower_ in ("that", "which", "who") and verb.dep_ == "relcl":
            head = verb.head  # "48 projects that will receive $2.4 billion": what the clause is about
            start = max(head.left_edge.i, paragraph_start(self.doc, head.i))
            return phrase_party(self.ctx, start, head.i + 1, "receiver", TARGET_TYPES)
        if subj is None or subj.pos_ == "PRON":
            return self._reported(verb, subj)
        para = paragraph_start(self.doc, subj.i)
        appos = [c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i >= para]
        if appos:  # "Kestrel's rival, Arden Photonics, received $70 million"; not a dateline's "(Reuters)"
            subj = appos[0]
        start = max(subj.left_edge.i, paragraph_start(self.doc, subj.i))  # never back over a line break
        named = [
            r for r in refs(self.ctx, start, subj.right_edge.i + 1, TARGET_TYPES) if r.start <= subj.i < r.end
        ]
        if named and not any(t.pos_ == "PROPN" for t in self.doc[start : named[0].start]):
            return ref_party(named[0], "receiver")  # not "Acme [Foundry]": the model's name cut short
        return phrase_party(self.ctx, start, subj.i + 1, "receiver", TARGET_TYPES) or phrase_party(
            self.ctx, start, subj.right_edge.i + 1, "receiver", TARGET_TYPES
        )

    def _sized(self, amount: Amount) -> Party | None:
        """ "The $369 billion Inflation Reduction Act funds battery plants": the verb's object."""
        found = sizing_verb(self.ctx, amount)
        if found is None or found[1].i + 1 >= len(self.doc):
            return None
        verb = found[1]
        return phrase_party(self.ctx, verb.i + 1, verb.sent.end, "object", TARGET_TYPES)

    def _dative(self, amount: Amount) -> Party | None:
        """ "NSF has awarded UND and NDSU $1.4 million", "provides OSC with $500 million"."""
        doc = self.doc
        verb = amount_verb(doc, amount)
        if not gives(verb) or verb.i >= amount.start:
            return None
        between = doc[verb.i + 1 : amount.start]
        if len(between) > 16 or any(t.text in (";", ".") for t in between):
            return None
        named = refs(self.ctx, verb.i + 1, amount.start, TARGET_TYPES)
        if named and (
            doc[amount.start - 1].lower_ == "with"
            or any(
                c.dep_ in ("dative", "dobj") and named[0].start <= c.i < named[0].end for c in verb.children
            )
        ):
            return ref_party(named[0], "dative")
        return None

    def _label(self, amount: Amount) -> Party | None:
        """A list item: "UND – $372,450 in support of ...", "Blue Origin LLC of Kent, Washington, $10M"."""
        doc = self.doc
        para = paragraph_start(doc, amount.start)
        if para == amount.start or amount.start - para > 14:
            return None
        lead = doc[para : amount.start]
        if lead[-1].text not in (*_LABEL_DASH, ","):
            return None
        if any(t.pos_ in ("VERB", "AUX") and not t.ent_type_ for t in lead):
            return None
        named = refs(self.ctx, para, amount.start, TARGET_TYPES)
        if named and named[0].start - para <= 1:
            return ref_party(named[0], "label")
        return None

    def _to_named(self, amount: Amount, stop: int) -> Party | None:
        """ "$1.1 billion to Natcast", "grants totaling $X to 28 Tribal entities", "$X under a programme
        for a purpose to A, B and C", "a measure for X" (a named X)."""
        doc, vocab = self.doc, vocabulary()
        for tok in doc[amount.end : stop]:
            low = tok.lower_
            clause_ends = (
                tok.pos_ == "VERB" and tok.dep_ in ("ROOT", "ccomp") and tok.lemma_ not in ("go", "flow")
            )
            if tok.text == ";" or (clause_ends and tok.i > amount.end):  # "$X will go to Y" goes on
                return None  # the clause of the amount has ended
            if low not in ("to", "for") or tok.i + 1 >= stop:
                continue
            nxt = doc[tok.i + 1]
            if low == "to" and (nxt.pos_ in ("VERB", "AUX") or nxt.lemma_ in vocab.purpose_verbs):
                return None  # "to support X": a purpose, not a recipient
            if doc[tok.i - 1].lower_ in ("addition", "according", "due", "up"):
                continue
            party = phrase_party(self.ctx, tok.i + 1, stop, f"{low}-recipient", TARGET_TYPES)
            if party is None:
                continue
            named = bool(refs(self.ctx, party.start, party.end, TARGET_TYPES)) or doc[party.start].like_num
            listed = paragraph_start(doc, amount.start) == amount.start  # "£44 million for a consortium"
            if low == "to" or named or listed:
                return party
        return None

    def _reported(self, verb: Token, pron: Token | None) -> Party | None:
        """ "Kestrel Robotics said it had secured $80 million": the company the pronoun stands for."""
        if pron is None or pron.lower_ not in ("it", "they") or verb.dep_ != "ccomp":
            return None
        subj = [c for c in verb.head.children if c.dep_ == "nsubj"]
        named = refs(self.ctx, subj[0].left_edge.i, subj[0].right_edge.i + 1, TARGET_TYPES) if subj else []
        return ref_party(named[-1], "receiver.reported") if named else None

    # -- purposes -------------------------------------------------------------------------------
    def _purpose(self, amount: Amount, sent_end: int) -> Party | None:
        """ "to support the OMAI project", "in support of Open Orbiter", "for research in X"."""
        doc, vocab = self.doc, vocabulary()
        verb = amount_verb(doc, amount)
        near = doc[max(0, amount.start - 3) : amount.end + 2]
        # "invest $X in Y", "an investment of $X in Y", "$X investment in Y"
        spend = verb.lemma_ == "spend"
        invest = verb.lemma_ in ("invest", "spend") or any(t.lemma_ in ("investment", "invest") for t in near)
        i = amount.end
        while i < sent_end:
            tok = doc[i]
            low = tok.lower_
            if low in ("to", "toward", "towards") and i + 1 < sent_end:
                nxt = doc[i + 1]
                if nxt.lemma_ in vocab.purpose_verbs:
                    obj = _object_start(nxt)
                    if obj is not None:
                        return phrase_party(self.ctx, obj, sent_end, "purpose", TARGET_TYPES, complement=True)
                    return None
                if low != "to":
                    return phrase_party(self.ctx, i + 1, sent_end, "purpose", TARGET_TYPES, complement=True)
            if (
                low == "support"
                and doc[i - 1].lower_ == "in"
                and i + 1 < sent_end
                and doc[i + 1].lower_ == "of"
            ):
                return phrase_party(self.ctx, i + 2, sent_end, "purpose", TARGET_TYPES, complement=True)
            if low == "for" and i + 1 < sent_end:
                party = phrase_party(self.ctx, i + 1, sent_end, "purpose", TARGET_TYPES, complement=True)
                if party is not None:
                    return party
            objects = [c for c in tok.children if c.dep_ == "pobj"] if low in _SOURCE_PREPS else []
            described = [c for c in objects[0].children if c.dep_ == "appos"] if objects else []
            if described:  # "from X, the EU's programme for Y,": what describes the source is no purpose
                i = max(i + 1, described[-1].right_edge.i + 1)
                continue
            total = low == "in" and i + 1 < sent_end and doc[i + 1].lower_ in ("total", "all")
            if total and (i + 2 >= sent_end or doc[i + 2].lower_ != "of"):  # "$5.8 billion in total, will"
                i += 2
                continue
            # "poured $X into", "invest $X in", "spend $X on"
            into = low == "into" or (low == "in" and invest) or (low == "on" and spend)
            if into and i + 1 < sent_end and doc[i + 1].lower_ not in vocab.funding_nouns:
                party = phrase_party(self.ctx, i + 1, sent_end, "purpose", TARGET_TYPES, complement=True)
                if party is not None:
                    return party
            if tok.text in (";",) or (tok.text == "." and tok.i > amount.end):
                return None
            if tok.text == "," and i + 1 < sent_end and doc[i + 1].tag_ == "VBG":
                return None  # ", clearing the way for X": another clause's purpose
            i += 1
        return None


def _object_start(verb: Token) -> int | None:
    """Where the object of a purpose verb starts: "to connect [thousands of rural residents]"."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "attr", "pobj")]
    if objs:
        return objs[0].left_edge.i
    return verb.i + 1 if verb.i + 1 < len(verb.doc) else None


__all__ = ["SOURCE_TYPES", "Targets"]
