"""Extraction on Apache Spark (`policygraph ingest --engine spark`): the local extractor in
`mapPartitions`, facts written as a Parquet dataset, then loaded by the product's grouped writer.

Needs the `spark` extra (`pip install 'policygraph[spark]'`: PySpark 4, Java 17).
"""
