// After a bulk import: neo4j-admin's Parquet reader (5.26) drops empty strings, so a property the
// writer always sets ($prop on every $label node) is missing exactly where it was "". Put it back.
MATCH (n:$($label))
WHERE n[$prop] IS NULL
CALL (n) {
  SET n[$prop] = ''
} IN TRANSACTIONS OF 10000 ROWS
RETURN count(*) AS filled
