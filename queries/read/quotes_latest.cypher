// The newest quotes when no actor, text or document filter narrows them: walk documents by date,
// so the sort stays partial (PartialTop) instead of ordering every quote. $from / $to / $min_confidence may be null.
MATCH (d:Document)
WHERE ($from IS NULL OR d.published >= date($from)) AND ($to IS NULL OR d.published <= date($to))
WITH d, coalesce(d.published, date('0001-01-01')) AS day ORDER BY day DESC, d.id
MATCH (s:Actor)-[said:SAID]->(q:Quote)-[:QUOTED_IN]->(d)
WHERE $min_confidence IS NULL OR said.confidence >= $min_confidence
WITH s, said, q, d, day ORDER BY day DESC, d.id, q.start, q.id SKIP $offset LIMIT $limit
RETURN q {.id, .text, .start, .end} AS quote, s {.key, .name, .type} AS speaker,
       d {.id, .title, .url, .published} AS document,
       said {.doc_id, .sentence, .sentence_index, .start, .end, .confidence, .extractor, .extractor_version} AS evidence,
       COLLECT { MATCH (q)-[:ABOUT]->(m:Actor) RETURN m {.key, .name, .type} } AS about
