// Guide: the communities found by `policygraph analyze`, largest first, with their most central actors.
MATCH (a:Actor)
WHERE a.community IS NOT NULL
WITH a ORDER BY a.pagerank DESC
WITH a.community AS community, collect(a.name) AS members
RETURN community, size(members) AS actors, members[..5] AS most_central
ORDER BY actors DESC
