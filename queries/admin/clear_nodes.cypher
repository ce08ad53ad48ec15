// Empties the database, step 2 (tests and benchmarks only): up to $limit nodes per call, after
// clear_relationships removed what linked them (DETACH for anything written in between).
MATCH (n)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(n) AS deleted
