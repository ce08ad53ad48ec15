// The actor graph: direct actor-to-actor facts plus speaker -> actor named in the quote.
// weight = number of distinct documents supporting the tie. The types are those graph/relations.yaml
// marks followable, as in read/network_step.
CALL () {
  MATCH (a:Actor)-[r:HOLDS_ROLE|AFFILIATED_WITH|FUNDS]->(b:Actor)
  RETURN a.key AS source, b.key AS target, r.doc_id AS doc_id
  UNION
  MATCH (a:Actor)-[s:SAID]->(:Quote)-[:ABOUT]->(b:Actor)
  RETURN a.key AS source, b.key AS target, s.doc_id AS doc_id
}
WITH source, target, doc_id
WHERE source <> target
RETURN source, target, count(DISTINCT doc_id) AS weight
