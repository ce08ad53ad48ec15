// Funding flows with normalised amounts; $source / $target match key, name or alias; null = any.
MATCH (s:Actor)-[f:FUNDS]->(t:Actor)
WHERE ($key IS NULL OR s.key = $key OR t.key = $key)
  AND ($source IS NULL OR s.key = $source OR toLower(s.name) = toLower($source)
       OR any(a IN coalesce(s.aliases, []) WHERE toLower(a) = toLower($source)))
  AND ($target IS NULL OR t.key = $target OR toLower(t.name) = toLower($target)
       OR any(a IN coalesce(t.aliases, []) WHERE toLower(a) = toLower($target)))
  AND ($min_amount IS NULL OR f.amount_value >= $min_amount)
OPTIONAL MATCH (d:Document {id: f.doc_id})
WITH s, f, t, d
ORDER BY f.amount_value DESC, s.name, t.name
SKIP $offset LIMIT $limit
RETURN s {.key, .name, .type} AS source, t {.key, .name, .type} AS target,
       f.amount AS amount, f.amount_value AS amount_value, f.currency AS currency, f.period AS period,
       f {.doc_id, .sentence, .sentence_index, .start, .end, .confidence, .extractor} AS evidence,
       d {.id, .title, .url, .published} AS document
