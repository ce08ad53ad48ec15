// Retraction finds a document's ABOUT relationships by doc_id.
CREATE INDEX about_doc_id IF NOT EXISTS FOR ()-[r:ABOUT]-() ON (r.doc_id)
