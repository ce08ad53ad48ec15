MATCH (a:Actor)
RETURN a.key AS key, a.pagerank AS pagerank, a.betweenness AS betweenness, a.community AS community
ORDER BY key
