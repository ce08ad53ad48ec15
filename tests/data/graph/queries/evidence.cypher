// Every relationship with its document text and endpoints, to check evidence offsets.
MATCH (s)-[r]->(t)
MATCH (d:Document {id: r.doc_id})
RETURN type(r) AS type, properties(r) AS rel, d.text AS text, properties(s) AS source, properties(t) AS target
