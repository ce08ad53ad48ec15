// Retraction deletes a document's quotes by doc_id.
CREATE INDEX quote_doc_id IF NOT EXISTS FOR (q:Quote) ON (q.doc_id)
