"""Facts files written before issue 14, read as if written today, so old extractions stay loadable.

Then a fact record held its evidence flat (`sentence_index`, `sentence`, `start`, `end`, `confidence`
and `extractor` as "name@version"), a quote's offsets as `text_start` / `text_end`, a quote's `about`
as actor keys, and a mention its actor's `actor_type`. Now the evidence is one `evidence` object with
graph.model.Evidence's fields, a quote's offsets are `start` / `end` (as on the Quote node and in the
API) and `about` / `about_keys` hold names / keys. Ids did not change.
"""

from __future__ import annotations

from typing import Any

from graph.factset.columns import EVIDENCE_FIELDS, FACT_KINDS, ColumnType

LEGACY_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("text_start", "long"), ("text_end", "long"), ("sentence_index", "long"), ("sentence", "string"),
    ("extractor", "string"), ("confidence", "double"),
)
_GONE = {name for name, _ in LEGACY_COLUMNS} | {"actor_type"}


def _split_extractor(value: str) -> tuple[str, str]:
    name, _, version = value.rpartition("@")
    return (name, version) if name else (version, "1")


def upgrade_record(rec: dict[str, Any]) -> dict[str, Any]:
    """A fact record in today's shape (records already in it are returned as they are)."""
    if rec.get("kind") not in FACT_KINDS or rec.get("evidence") is not None or rec.get("extractor") is None:
        return rec
    name, version = _split_extractor(str(rec["extractor"]))
    new = {k: v for k, v in rec.items() if k not in _GONE}
    new["evidence"] = {"doc_id": rec.get("doc_id"), "sentence_index": rec.get("sentence_index"),
                       "sentence": rec.get("sentence"), "start": rec.get("start"), "end": rec.get("end"),
                       "extractor": name, "extractor_version": version, "confidence": rec.get("confidence")}
    if rec["kind"] == "quote":
        new |= {"start": rec.get("text_start"), "end": rec.get("text_end"), "about_keys": rec.get("about")}
        new.pop("about", None)
    else:
        new.pop("start", None)
        new.pop("end", None)
    return new


def upgrade_table(raw: Any) -> Any:
    """An Arrow table of facts records in today's columns (a table without old records is returned)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if "extractor" not in raw.column_names or raw["extractor"].null_count == raw.num_rows:
        return raw
    old = pc.is_valid(raw["extractor"])  # fact rows of the old layout
    parts = pc.extract_regex(raw["extractor"], r"^(?P<name>.*)@(?P<version>[^@]*)$")
    name = pc.if_else(pc.is_valid(parts), pc.struct_field(parts, "name"), raw["extractor"])
    version = pc.if_else(pc.is_valid(parts), pc.struct_field(parts, "version"), "1")
    fields = {"doc_id": raw["doc_id"], "sentence_index": raw["sentence_index"], "sentence": raw["sentence"],
              "start": raw["start"], "end": raw["end"], "extractor": name, "extractor_version": version,
              "confidence": raw["confidence"]}
    evidence = pa.StructArray.from_arrays([_array(fields[n]) for n, _ in EVIDENCE_FIELDS],
                                          names=[n for n, _ in EVIDENCE_FIELDS], mask=_array(pc.invert(old)))
    quotes = pc.and_(old, pc.equal(raw["kind"], "quote"))
    nulls = pa.nulls(raw.num_rows, raw["about"].type)
    updates = {
        "evidence": evidence if "evidence" not in raw.column_names else pc.if_else(old, evidence,
                                                                                   raw["evidence"]),
        # an old record's `start` / `end` were its evidence's; a quote's own offsets were text_start / end
        "start": pc.if_else(old, raw["text_start"], raw["start"]),
        "end": pc.if_else(old, raw["text_end"], raw["end"]),
        "about_keys": pc.if_else(quotes, raw["about"], raw["about_keys"] if "about_keys" in raw.column_names
                                 else nulls),
        "about": pc.if_else(old, nulls, raw["about"]),
    }
    for column, values in updates.items():
        if column in raw.column_names:
            raw = raw.set_column(raw.column_names.index(column), column, values)
        else:
            raw = raw.append_column(column, values)
    return raw.drop_columns([c for c in _GONE if c in raw.column_names])


def _array(values: Any) -> Any:
    import pyarrow as pa

    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
