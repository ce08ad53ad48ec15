// Actors by name or alias through the `actor_names` full-text index (fuzzy terms built in Python).
CALL db.index.fulltext.queryNodes('actor_names', $lucene, {limit: $limit * 4}) YIELD node AS a, score
WHERE $type IS NULL OR a.type = $type
WITH a, score
ORDER BY score DESC, a.name
LIMIT $limit
RETURN a {.key, .name, .type} AS actor, coalesce(a.aliases, []) AS aliases, score,
       COUNT { (a)-[:SAID]->(:Quote) } AS quotes,
       COUNT { (:Document)-[:MENTIONS]->(a) } AS mentions,
       COUNT { (a)-[:HOLDS_ROLE|AFFILIATED_WITH]-(:Actor) } AS roles,
       COUNT { (a)-[:FUNDS]-(:Actor) } AS funding
