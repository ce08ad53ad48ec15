// Funding flows with normalised amounts, largest first. $source_keys / $target_keys are resolved actor
// keys (read/resolve_actor); $key matches either end (an actor's profile). null = no filter.
// Exactly one branch runs (or the two $key ones, which never return the same row): the given anchor
// starts from an actor's index entry, so a profile reads that actor's FUNDS, not every one there is.
CALL () {
  WITH 1 AS one WHERE $key IS NOT NULL
  MATCH (s:Actor {key: $key})-[f:FUNDS]->(t:Actor) RETURN s, f, t
  UNION ALL
  WITH 1 AS one WHERE $key IS NOT NULL
  MATCH (s:Actor)-[f:FUNDS]->(t:Actor {key: $key}) WHERE s.key <> $key RETURN s, f, t
  UNION ALL
  WITH 1 AS one WHERE $key IS NULL AND $source_keys IS NOT NULL
  UNWIND $source_keys AS k MATCH (s:Actor {key: k})-[f:FUNDS]->(t:Actor) RETURN s, f, t
  UNION ALL
  WITH 1 AS one WHERE $key IS NULL AND $source_keys IS NULL AND $target_keys IS NOT NULL
  UNWIND $target_keys AS k MATCH (s:Actor)-[f:FUNDS]->(t:Actor {key: k}) RETURN s, f, t
  UNION ALL
  WITH 1 AS one WHERE $key IS NULL AND $source_keys IS NULL AND $target_keys IS NULL
  MATCH (s:Actor)-[f:FUNDS]->(t:Actor) RETURN s, f, t
}
WITH s, f, t
WHERE ($source_keys IS NULL OR s.key IN $source_keys)
  AND ($target_keys IS NULL OR t.key IN $target_keys)
  AND ($min_amount IS NULL OR f.amount_value >= $min_amount)
  AND ($min_confidence IS NULL OR f.confidence >= $min_confidence)
OPTIONAL MATCH (d:Document {id: f.doc_id})
WITH s, f, t, d
ORDER BY f.amount_value DESC, s.name, t.name, f.fact_id
SKIP $offset LIMIT $limit
RETURN s {.key, .name, .type} AS source, t {.key, .name, .type} AS target,
       f.amount AS amount, f.amount_value AS amount_value, f.currency AS currency, f.period AS period,
       f {.doc_id, .sentence, .sentence_index, .start, .end, .confidence, .extractor, .extractor_version} AS evidence,
       d {.id, .title, .url, .published} AS document
