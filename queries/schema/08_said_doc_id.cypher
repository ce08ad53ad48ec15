// Retraction finds a document's SAID relationships by doc_id.
CREATE INDEX said_doc_id IF NOT EXISTS FOR ()-[r:SAID]-() ON (r.doc_id)
