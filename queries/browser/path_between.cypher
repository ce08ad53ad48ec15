// Guide: the shortest chain of facts (quotes, roles, funding; not bare mentions) linking two actors.
WITH 'Kwame Adjorlo' AS one, 'Northbridge Institute' AS other
MATCH (a:Actor {name: one}), (b:Actor {name: other})
MATCH path = shortestPath((a)-[:SAID|QUOTED_IN|ABOUT|HOLDS_ROLE|AFFILIATED_WITH|FUNDS*..8]-(b))
RETURN path
