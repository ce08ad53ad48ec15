// Retraction finds a document's AFFILIATED_WITH relationships by doc_id.
CREATE INDEX affiliated_with_doc_id IF NOT EXISTS FOR ()-[r:AFFILIATED_WITH]-() ON (r.doc_id)
