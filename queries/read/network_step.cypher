// One breadth-first step of an actor's network: edges touching the frontier $keys.
// Direct actor links plus "spoke about" (speaker SAID a quote ABOUT another actor); $min_confidence
// (or null) keeps links extracted at least that confidently (a quote's: its attribution's).
// The types are those graph/relations.yaml marks followable (tests/graph/test_query_relations.py).
UNWIND $keys AS key
MATCH (a:Actor {key: key})
CALL (a) {
  MATCH (a)-[r:HOLDS_ROLE|AFFILIATED_WITH|FUNDS]-(b:Actor)
  WHERE $min_confidence IS NULL OR r.confidence >= $min_confidence
  RETURN startNode(r).key AS source, endNode(r).key AS target, type(r) AS type, r.doc_id AS doc_id, b
  UNION
  MATCH (a)-[said:SAID]->(q:Quote)-[r:ABOUT]->(b:Actor)
  WHERE b <> a AND ($min_confidence IS NULL OR said.confidence >= $min_confidence)
  RETURN a.key AS source, b.key AS target, 'SPOKE_ABOUT' AS type, r.doc_id AS doc_id, b
  UNION
  MATCH (b:Actor)-[said:SAID]->(q:Quote)-[r:ABOUT]->(a)
  WHERE b <> a AND ($min_confidence IS NULL OR said.confidence >= $min_confidence)
  RETURN b.key AS source, a.key AS target, 'SPOKE_ABOUT' AS type, r.doc_id AS doc_id, b
}
WITH source, target, type, count(DISTINCT doc_id) AS documents, collect(DISTINCT b)[0] AS b
ORDER BY documents DESC, source, target
LIMIT $limit
RETURN source, target, type, documents, b {.key, .name, .type, .pagerank, .community} AS node
