// Roles held by an actor (outgoing) or at an actor (incoming), each with its evidence document;
// $min_confidence (or null) keeps the roles extracted at least that confidently.
MATCH (a:Actor {key: $key})-[r:HOLDS_ROLE|AFFILIATED_WITH]-(o:Actor)
WHERE $min_confidence IS NULL OR r.confidence >= $min_confidence
OPTIONAL MATCH (d:Document {id: r.doc_id})
WITH a, r, o, d
ORDER BY r.as_of DESC, o.name
LIMIT $limit
RETURN startNode(r) = a AS outgoing, type(r) AS type, r.title AS title, r.markers AS markers,
       r.as_of AS as_of, o {.key, .name, .type} AS other,
       r {.doc_id, .sentence, .sentence_index, .start, .end, .confidence, .extractor, .extractor_version} AS evidence,
       d {.id, .title, .url, .published} AS document
