// Retraction finds a document's MENTIONS relationships by doc_id.
CREATE INDEX mentions_doc_id IF NOT EXISTS FOR ()-[r:MENTIONS]-() ON (r.doc_id)
