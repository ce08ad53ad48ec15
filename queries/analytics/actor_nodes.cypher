// Every actor, so isolated actors also get metrics.
MATCH (a:Actor)
RETURN a.key AS key, a.name AS name, a.type AS type
