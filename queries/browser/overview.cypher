// Guide: a first look at the graph: who holds which role, who funds what, who said what and where.
MATCH fact = (:Actor)-[:HOLDS_ROLE|AFFILIATED_WITH|FUNDS|SAID]->(x)
OPTIONAL MATCH source = (x:Quote)-[:QUOTED_IN]->(:Document)
RETURN fact, source
LIMIT 80
