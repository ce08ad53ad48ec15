// Bench: organisations with at least one relationship, in a stable order.
MATCH (a:Organisation)
WHERE EXISTS { (a)--() }
RETURN a.key AS key
ORDER BY key
