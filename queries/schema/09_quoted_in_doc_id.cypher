// Retraction finds a document's QUOTED_IN relationships by doc_id.
CREATE INDEX quoted_in_doc_id IF NOT EXISTS FOR ()-[r:QUOTED_IN]-() ON (r.doc_id)
