"""The `policygraph_titles` component: the name after a title ("Under Secretary ... Alan Estevez") is one
PERSON, even where the small model swallowed it into an ORG."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.names.titles import find_titled_names

TITLES_COMPONENT = "policygraph_titles"


class TitleNameFixer:
    """Re-marks the name after a title as one PERSON entity, dropping entities that overlap it."""

    def __call__(self, doc: Doc) -> Doc:
        found = find_titled_names(doc)
        names = [Span(doc, t.name_start, t.name_end, label="PERSON") for t in found]
        if not names:
            return doc
        taken = {i for s in names for i in range(s.start, s.end)}
        portfolios = {i for t in found for i in range(t.title_start, t.title_stop)}
        doc.ents = [
            e
            for e in doc.ents
            if e.label_ != "PERSON" or not any(i in portfolios for i in range(e.start, e.end))
        ]
        kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        names = list({(s.start, s.end): s for s in names}.values())
        doc.ents = sorted([*kept, *names], key=lambda s: s.start)
        return doc


@Language.factory(TITLES_COMPONENT)
def make_title_fixer(nlp: Language, name: str) -> TitleNameFixer:
    return TitleNameFixer()
