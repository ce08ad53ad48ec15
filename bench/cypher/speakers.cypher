// Bench: every person who said something, in a stable order (the query bench samples from these).
MATCH (a:Person)
WHERE EXISTS { (a)-[:SAID]->(:Quote) }
RETURN a.key AS key
ORDER BY key
