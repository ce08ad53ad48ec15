// Every relationship with its type, properties and the identities of its ends (graph comparisons in tests).
MATCH (s)-[r]->(t)
RETURN type(r) AS type, properties(r) AS props, coalesce(s.key, s.id) AS source, coalesce(t.key, t.id) AS target
