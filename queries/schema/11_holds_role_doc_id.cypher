// Retraction finds a document's HOLDS_ROLE relationships by doc_id.
CREATE INDEX holds_role_doc_id IF NOT EXISTS FOR ()-[r:HOLDS_ROLE]-() ON (r.doc_id)
