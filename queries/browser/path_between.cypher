// Guide: the shortest chain of facts (quotes, roles, funding) linking two actors: the types
// graph/relations.yaml marks followable, as in read/paths. Not bare mentions, and not "quoted in the
// same document": a document is where facts were found, not a fact that links its actors.
WITH 'Northbridge Institute' AS one, 'Subsidy Trap' AS other
MATCH (a:Actor {name: one}), (b:Actor {name: other})
MATCH path = shortestPath((a)-[:SAID|ABOUT|HOLDS_ROLE|AFFILIATED_WITH|FUNDS*..8]-(b))
RETURN path
