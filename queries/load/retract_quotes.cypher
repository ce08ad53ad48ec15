MATCH (q:Quote {doc_id: $doc_id})
DETACH DELETE q
RETURN count(q) AS deleted
