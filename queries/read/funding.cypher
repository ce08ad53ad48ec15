// Funding flows with normalised amounts, largest first. $source_keys / $target_keys are resolved actor
// keys (read/resolve_actor); $key matches either end (an actor's profile). null = no filter.
MATCH (s:Actor)-[f:FUNDS]->(t:Actor)
WHERE ($key IS NULL OR s.key = $key OR t.key = $key)
  AND ($source_keys IS NULL OR s.key IN $source_keys)
  AND ($target_keys IS NULL OR t.key IN $target_keys)
  AND ($min_amount IS NULL OR f.amount_value >= $min_amount)
OPTIONAL MATCH (d:Document {id: f.doc_id})
WITH s, f, t, d
ORDER BY f.amount_value DESC, s.name, t.name, f.fact_id
SKIP $offset LIMIT $limit
RETURN s {.key, .name, .type} AS source, t {.key, .name, .type} AS target,
       f.amount AS amount, f.amount_value AS amount_value, f.currency AS currency, f.period AS period,
       f {.doc_id, .sentence, .sentence_index, .start, .end, .confidence, .extractor} AS evidence,
       d {.id, .title, .url, .published} AS document
