"""A facts file as one Arrow table (the columns of `graph.factset.columns`), in the order the record
reader yields it: documents by first appearance, a document's records in `seq` order. The bulk
import transforms these tables column by column instead of rebuilding one Python object per fact."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graph.errors import InvalidInput
from graph.factset.columns import COLUMNS, EVIDENCE_FIELDS, ColumnType
from graph.factset.legacy import LEGACY_COLUMNS, upgrade_table


def arrow_schema(columns: tuple[tuple[str, ColumnType], ...] = COLUMNS) -> Any:
    import pyarrow as pa

    string, strings = pa.string(), pa.list_(pa.string())
    actor = pa.struct([("key", string), ("name", string), ("type", string), ("aliases", strings)])
    kinds = {"string": string, "long": pa.int64(), "double": pa.float64(), "strings": strings,
             "actors": pa.list_(actor)}
    kinds["evidence"] = pa.struct([(name, kinds[kind]) for name, kind in EVIDENCE_FIELDS])
    return pa.schema([(name, kinds[kind]) for name, kind in columns])


def read_table(path: Path) -> Any:
    """The records of one facts file (.jsonl or .parquet) with columns `COLUMNS` plus `seq`, ordered."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.json as pj
    import pyarrow.parquet as pq

    schema = arrow_schema()
    try:
        if path.suffix == ".parquet":
            raw = pq.read_table(path)
        else:
            options = pj.ParseOptions(explicit_schema=arrow_schema(COLUMNS + LEGACY_COLUMNS),
                                      unexpected_field_behavior="ignore")
            raw = pj.read_json(path, parse_options=options, read_options=pj.ReadOptions(block_size=1 << 26))
        raw = upgrade_table(raw)
    except (OSError, pa.ArrowException) as exc:
        raise InvalidInput(f"{path}: not a readable facts file ({exc})") from exc
    columns = {name: raw[name] if name in raw.column_names else pa.nulls(raw.num_rows, field.type)
               for name, field in zip(schema.names, schema, strict=True)}
    table = pa.table({name: pc.cast(col, schema.field(name).type) for name, col in columns.items()})
    seq = raw["seq"] if "seq" in raw.column_names else pa.array(range(raw.num_rows), pa.int64())
    key = pc.coalesce(table["doc_id"], pc.binary_join_element_wise("failure:", table["doc_source"], ""))
    rank = pc.index_in(key, value_set=pc.unique(key))
    first = pc.cast(pc.not_equal(table["kind"], "document"), pa.int8())
    table = table.append_column("seq", pc.cast(seq, pa.int64()))
    order = pc.sort_indices(pa.table({"rank": rank, "first": first, "seq": table["seq"]}),
                            sort_keys=[("rank", "ascending"), ("first", "ascending"), ("seq", "ascending")])
    return table.take(order)
