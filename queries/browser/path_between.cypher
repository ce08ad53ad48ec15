// Guide: the shortest chain of facts linking two actors (quotes, roles, funding, documents).
WITH 'Tobias Lindqvist' AS one, 'Chips Forward Act' AS other
MATCH (a:Actor {name: one}), (b:Actor {name: other})
MATCH path = shortestPath((a)-[*..8]-(b))
RETURN path
