// Retraction finds a document's FUNDS relationships by doc_id.
CREATE INDEX funds_doc_id IF NOT EXISTS FOR ()-[r:FUNDS]-() ON (r.doc_id)
