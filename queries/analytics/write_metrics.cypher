// Metrics as actor properties, so Neo4j Browser can size and colour nodes by them.
UNWIND $rows AS row
MATCH (a:Actor {key: row.key})
SET a.pagerank = row.pagerank, a.betweenness = row.betweenness, a.community = row.community
RETURN count(a) AS written
