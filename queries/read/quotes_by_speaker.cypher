// Who said what when only speakers (and dates) filter: straight along the speakers' SAID relationships,
// without read/quotes' anchor union and its walk back from each quote to its speaker. Same rows, same
// order and same shape as read/quotes with anchor 'speaker'. $speaker_keys: resolved keys (distinct).
UNWIND $speaker_keys AS k
MATCH (s:Actor {key: k})-[said:SAID]->(q:Quote)-[:QUOTED_IN]->(d:Document)
WHERE ($from IS NULL OR d.published >= date($from)) AND ($to IS NULL OR d.published <= date($to))
  AND ($min_confidence IS NULL OR said.confidence >= $min_confidence)
WITH s, said, q, d, coalesce(d.published, date('0001-01-01')) AS day
ORDER BY day DESC, d.id, q.start, q.id SKIP $offset LIMIT $limit
RETURN q {.id, .text, .start, .end} AS quote, s {.key, .name, .type} AS speaker,
       d {.id, .title, .url, .published} AS document,
       said {.doc_id, .sentence, .sentence_index, .start, .end, .confidence, .extractor, .extractor_version} AS evidence,
       COLLECT { MATCH (q)-[:ABOUT]->(m:Actor) RETURN m {.key, .name, .type} } AS about
