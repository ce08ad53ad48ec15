"""FACTS -> GRAPH: the facts file format (JSONL or Parquet) and its reader back into `Extraction`s.

A facts file is what `policygraph extract --facts-out` and `ingest --engine spark --facts-out` write and
what `policygraph load` reads: per document, one `document` record (text, metadata, its actors) followed
by one record per fact in the shape of `graph.factset.records.fact_record`, or one `failure` record naming a
document that could not be extracted. Everything the graph holds can be rebuilt from it, so loading a
facts file writes exactly what `policygraph ingest` writes.
"""
