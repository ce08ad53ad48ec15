// Empties the database, step 1 (tests and benchmarks only): up to $limit relationships per call,
// each call its own transaction, so hub nodes never put a whole neighbourhood in one transaction.
MATCH ()-[r]->()
WITH r LIMIT $limit
DELETE r
RETURN count(r) AS deleted
