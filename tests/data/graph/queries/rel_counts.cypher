MATCH ()-[r]->()
RETURN r.doc_id AS doc_id, type(r) AS type, count(*) AS n
ORDER BY doc_id, type
