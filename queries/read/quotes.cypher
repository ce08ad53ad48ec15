// Who said what, newest first. The anchor ($anchor: speaker, mentions, text, doc or org) picks the one
// index-backed starting set; every given filter then applies. Actor refs arrive resolved to key lists
// (read/resolve_actor); $quote_ids are full-text hits (read/quote_text_search) when text is the anchor;
// under another anchor, $text_patterns (one whole-word regex per word) filter. $min_confidence keeps
// quotes whose attribution is at least that confident. null = no filter.
CALL () {
  WITH 1 AS one WHERE $anchor = 'speaker'
  UNWIND $speaker_keys AS k MATCH (:Actor {key: k})-[:SAID]->(q:Quote) RETURN q
  UNION
  WITH 1 AS one WHERE $anchor = 'mentions'
  UNWIND $mention_keys AS k MATCH (:Actor {key: k})<-[:ABOUT]-(q:Quote) RETURN q
  UNION
  WITH 1 AS one WHERE $anchor = 'text'
  UNWIND $quote_ids AS id MATCH (q:Quote {id: id}) RETURN q
  UNION
  WITH 1 AS one WHERE $anchor = 'doc'
  MATCH (q:Quote)-[:QUOTED_IN]->(:Document {id: $doc}) RETURN q
  UNION
  WITH 1 AS one WHERE $anchor = 'org'
  UNWIND $org_keys AS k MATCH (:Actor {key: k})<-[:HOLDS_ROLE|AFFILIATED_WITH]-(:Actor)-[:SAID]->(q:Quote)
  RETURN q
}
MATCH (s:Actor)-[said:SAID]->(q)-[:QUOTED_IN]->(d:Document)
WHERE ($speaker_keys IS NULL OR s.key IN $speaker_keys) AND ($doc IS NULL OR d.id = $doc)
  AND ($from IS NULL OR d.published >= date($from)) AND ($to IS NULL OR d.published <= date($to))
  AND ($text_patterns IS NULL OR all(rx IN $text_patterns WHERE q.text =~ rx))
  AND ($org_keys IS NULL OR EXISTS { (s)-[:HOLDS_ROLE|AFFILIATED_WITH]->(o:Actor) WHERE o.key IN $org_keys })
  AND ($mention_keys IS NULL OR EXISTS { (q)-[:ABOUT]->(m:Actor) WHERE m.key IN $mention_keys })
  AND ($min_confidence IS NULL OR said.confidence >= $min_confidence)
WITH s, said, q, d, coalesce(d.published, date('0001-01-01')) AS day
ORDER BY day DESC, d.id, q.start, q.id SKIP $offset LIMIT $limit
RETURN q {.id, .text, .start, .end} AS quote, s {.key, .name, .type} AS speaker,
       d {.id, .title, .url, .published} AS document,
       said {.doc_id, .sentence, .sentence_index, .start, .end, .confidence, .extractor, .extractor_version} AS evidence,
       COLLECT { MATCH (q)-[:ABOUT]->(m:Actor) RETURN m {.key, .name, .type} } AS about
