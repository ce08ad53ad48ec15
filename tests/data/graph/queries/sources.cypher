// Distinct documents supporting facts about an actor.
MATCH (a:Actor {key: $key})-[r]-()
RETURN count(DISTINCT r.doc_id) AS n
