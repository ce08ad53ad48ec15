// One actor's own properties and fact counts, by key.
MATCH (a:Actor {key: $key})
RETURN a {.key, .name, .type, .pagerank, .betweenness, .community} AS actor,
       coalesce(a.aliases, []) AS aliases,
       COUNT { (a)-[:SAID]->(:Quote) } AS quotes,
       COUNT { (:Document)-[:MENTIONS]->(a) } AS mentions
