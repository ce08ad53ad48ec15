"""The spaCy pipeline, built once: the small English model, the gazetteer ruler before its NER, and
the entity repairs after it (`ruler`, `entities`, `title_names`).

This is the only module that calls `spacy.load`; models come from settings, never downloads.
"""

from __future__ import annotations

from functools import lru_cache
from typing import cast

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

from graph.errors import ExtractionError
from graph.settings import get_settings
from ingest.names.titlebook import load_titles, tokenizer_exceptions
from ingest.nlp.entities import ENTITIES_COMPONENT
from ingest.nlp.ruler import GAZETTEER_COMPONENT
from ingest.nlp.title_names import TITLES_COMPONENT


def load_model(names: list[str]) -> Language:
    """The first installed model among `names`; refuses to download anything."""
    errors = []
    for name in names:
        try:
            return spacy.load(name)
        except OSError as exc:
            errors.append(f"{name}: {exc.__class__.__name__}")
    raise ExtractionError(f"no spaCy model installed; tried {', '.join(errors) or 'none'}")


def build_nlp(names: list[str] | None = None) -> Language:
    """A fresh pipeline: model + gazetteer ruler before `ner` + entity repairs after it."""
    nlp = load_model(names or get_settings().spacy_models)
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    for short in tokenizer_exceptions(load_titles()):  # "Sens." and "Sec." stay one token
        tokenizer.add_special_case(short, [{ORTH: short}])
    # a dash between words without spaces separates them: "D.C.—U.S. Senator", "2001–2004"
    infixes = [*(nlp.Defaults.infixes or []), r"[—–]"]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    if "ner" in nlp.pipe_names:
        nlp.add_pipe(GAZETTEER_COMPONENT, before="ner")
    else:
        nlp.add_pipe(GAZETTEER_COMPONENT)
    nlp.add_pipe(ENTITIES_COMPONENT, last=True)
    nlp.add_pipe(TITLES_COMPONENT, last=True)
    return nlp


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process-wide pipeline, built on first use."""
    return build_nlp()
