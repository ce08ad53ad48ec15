"""Who holds which role where. Rules: titles before names (`titled`), titles after names and copulas
(`apposition`), titles standing apart from the name (`rules`), organisations named indirectly
(`indirect`); the body a title names or implies (`orgs`, knowledge in `data/titles.yaml`); the
collector and title cleaning they share (`base`). Every rule runs under a guard: a rule that fails on
a sentence loses only what it would have found there."""

from __future__ import annotations

from spacy.tokens import Doc

from graph.model import ActorType, Role
from ingest.context import DocContext
from ingest.roles.apposition import after_name, copulas
from ingest.roles.base import Roles
from ingest.roles.indirect import of_affiliation
from ingest.roles.rules import before_name, definite_subject
from ingest.roles.titled import titled_names

__all__ = ["extract_roles"]


def extract_roles(doc: Doc, ctx: DocContext) -> list[Role]:
    """Every person-role-organisation fact in `doc`, one per (person, organisation)."""
    out = Roles(ctx)
    titled_names(doc, ctx, out)
    for r in ctx.resolver.refs:
        if r.type is not ActorType.PERSON or doc[r.start].pos_ == "PRON":
            continue
        for name, rule in (
            ("apposition", after_name),
            ("before-name", before_name),
            ("of-affiliation", of_affiliation),
            ("copula", copulas),
        ):
            with out.applying(name, r.start):
                rule(doc, ctx, r, out)
    with out.applying("definite-subject", 0):
        definite_subject(doc, ctx, out)
    return list(out.by_pair.values())
