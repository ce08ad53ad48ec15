// Bench reset: relationships first, in small committed batches, so hub nodes never put a whole
// neighbourhood in one transaction (admin/clear_graph's DETACH DELETE ran out of transaction memory
// on the 1.5M-relationship query graph with a 2g heap). Auto-commit only.
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS
