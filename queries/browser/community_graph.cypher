// Guide: the most central actors of every community and the facts that connect them.
MATCH (a:Actor)
WHERE a.community IS NOT NULL
WITH a ORDER BY a.pagerank DESC
WITH a.community AS community, collect(a)[..5] AS top
UNWIND top AS a
WITH collect(a) AS central
MATCH link = (x:Actor)-[:HOLDS_ROLE|AFFILIATED_WITH|FUNDS]-(y:Actor)
WHERE x IN central AND y IN central
RETURN central, collect(link) AS links
