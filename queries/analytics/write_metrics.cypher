// Metrics as actor properties, so Neo4j Browser can size and colour nodes by them.
// The PageRank tier also becomes a label (:RankHigh / :RankMid): GraSS sizes nodes by label only.
UNWIND $rows AS row
MATCH (a:Actor {key: row.key})
SET a.pagerank = row.pagerank, a.betweenness = row.betweenness, a.community = row.community,
    a.rank_tier = row.rank_tier
REMOVE a:RankHigh:RankMid
FOREACH (_ IN CASE WHEN row.rank_tier = 'high' THEN [1] ELSE [] END | SET a:RankHigh)
FOREACH (_ IN CASE WHEN row.rank_tier = 'mid' THEN [1] ELSE [] END | SET a:RankMid)
RETURN count(a) AS written
