// Empties the database in bounded transactions (tests and benchmarks only; run auto-commit).
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
