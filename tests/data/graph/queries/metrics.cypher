MATCH (a:Actor)
RETURN a.key AS key, a.pagerank AS pagerank, a.betweenness AS betweenness, a.community AS community,
       a.rank_tier AS rank_tier, [l IN labels(a) WHERE l STARTS WITH 'Rank'] AS rank_labels
ORDER BY key
