// Notebooks: every actor with the analytics `policygraph analyze` stores (null until it has run).
MATCH (a:Actor)
RETURN a.key AS key, a.name AS name, a.type AS type,
       a.pagerank AS pagerank, a.betweenness AS betweenness, a.community AS community
ORDER BY name
