UNWIND $rows AS row
MERGE (q:Quote {id: row.id})
SET q.text = row.text, q.doc_id = row.doc_id, q.start = row.start, q.end = row.end
RETURN count(*) AS written
