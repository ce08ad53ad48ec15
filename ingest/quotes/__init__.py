"""Who said what: quotation marks (`marks`), the cue that attributes a quotation (`cues`), the actors a
cue names (`speakers`) and unmarked GOV.UK-style block quotations (`blocks`)."""

from ingest.quotes.cues import extract_quotes

__all__ = ["extract_quotes"]
