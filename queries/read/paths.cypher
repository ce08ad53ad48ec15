// All shortest paths between two actors (up to 8 hops, the caller trims to max_hops), with the
// evidence and source document on every edge. Quotes sit on SAID/ABOUT paths as intermediate nodes.
// The types are those graph/relations.yaml marks followable (tests/graph/test_query_relations.py).
// $min_confidence (or null): only through relationships extracted at least that confidently (checked
// during the search, a predicate on every relationship, so no exhaustive fallback).
MATCH (a:Actor {key: $source}), (b:Actor {key: $target})
MATCH p = allShortestPaths((a)-[:HOLDS_ROLE|AFFILIATED_WITH|FUNDS|SAID|ABOUT*..8]-(b))
WHERE $min_confidence IS NULL OR all(r IN relationships(p) WHERE r.confidence >= $min_confidence)
WITH p LIMIT $limit
RETURN [n IN nodes(p) | {key: coalesce(n.key, n.id), name: coalesce(n.name, n.text),
                         type: coalesce(n.type, head(labels(n)))}] AS nodes,
       [r IN relationships(p) | {
          type: type(r), source: coalesce(startNode(r).key, startNode(r).id),
          target: coalesce(endNode(r).key, endNode(r).id), title: r.title, amount: r.amount,
          evidence: r {.doc_id, .sentence, .sentence_index, .start, .end, .confidence, .extractor, .extractor_version},
          document: head(COLLECT { MATCH (d:Document {id: r.doc_id}) RETURN d {.id, .title, .url, .published} })
       }] AS edges
