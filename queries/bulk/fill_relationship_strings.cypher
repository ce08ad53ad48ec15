// After a bulk import: as fill_node_strings, for a property every $type relationship carries.
MATCH ()-[r:$($type)]->()
WHERE r[$prop] IS NULL
CALL (r) {
  SET r[$prop] = ''
} IN TRANSACTIONS OF 10000 ROWS
RETURN count(*) AS filled
