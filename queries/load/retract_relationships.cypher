// Deletes every relationship a document supports, using the doc_id index of each type (one branch per
// type of graph/relations.yaml), and returns the actors they touched so orphans can be removed afterwards.
CALL () {
  MATCH (s)-[r:SAID {doc_id: $doc_id}]->(t) RETURN r, s, t
  UNION ALL MATCH (s)-[r:QUOTED_IN {doc_id: $doc_id}]->(t) RETURN r, s, t
  UNION ALL MATCH (s)-[r:ABOUT {doc_id: $doc_id}]->(t) RETURN r, s, t
  UNION ALL MATCH (s)-[r:HOLDS_ROLE {doc_id: $doc_id}]->(t) RETURN r, s, t
  UNION ALL MATCH (s)-[r:AFFILIATED_WITH {doc_id: $doc_id}]->(t) RETURN r, s, t
  UNION ALL MATCH (s)-[r:FUNDS {doc_id: $doc_id}]->(t) RETURN r, s, t
  UNION ALL MATCH (s)-[r:MENTIONS {doc_id: $doc_id}]->(t) RETURN r, s, t
}
WITH r, [n IN [s, t] WHERE n:Actor | n.key] AS keys
DELETE r
WITH count(r) AS deleted, collect(keys) AS nested
RETURN deleted, reduce(acc = [], ks IN nested | acc + [k IN ks WHERE NOT k IN acc]) AS actor_keys
