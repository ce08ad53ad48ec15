// First statement of a grouped write: lock_document for many sources (sorted by the caller, so
// concurrent group writers take the locks in one order). Returns each source's stored id and
// whether a version was already loaded (content_hash set by merge_documents).
UNWIND $docs AS doc
MERGE (d:Document {source: doc.source})
  ON CREATE SET d.id = doc.id
SET d._lock = true
WITH doc, d, d.id AS id, d.content_hash IS NOT NULL AS existed
REMOVE d._lock
RETURN doc.source AS source, id, existed
