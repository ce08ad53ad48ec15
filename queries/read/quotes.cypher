// Who said what, newest first. Every filter is a parameter; null means "no filter".
// $speaker / $org / $mentions match an actor key, name or alias (case-insensitive).
// $quote_ids restricts to full-text hits (from read/quote_text_search) when not null.
MATCH (s:Actor)-[said:SAID]->(q:Quote)-[:QUOTED_IN]->(d:Document)
WHERE ($speaker IS NULL OR s.key = $speaker OR toLower(s.name) = toLower($speaker)
       OR any(a IN coalesce(s.aliases, []) WHERE toLower(a) = toLower($speaker)))
  AND ($doc IS NULL OR d.id = $doc)
  AND ($from IS NULL OR d.published >= date($from))
  AND ($to IS NULL OR d.published <= date($to))
  AND ($quote_ids IS NULL OR q.id IN $quote_ids)
  AND ($org IS NULL OR EXISTS {
        MATCH (s)-[:HOLDS_ROLE|AFFILIATED_WITH]->(o:Actor)
        WHERE o.key = $org OR toLower(o.name) = toLower($org)
           OR any(a IN coalesce(o.aliases, []) WHERE toLower(a) = toLower($org)) })
  AND ($mentions IS NULL OR EXISTS {
        MATCH (q)-[:ABOUT]->(m:Actor)
        WHERE m.key = $mentions OR toLower(m.name) = toLower($mentions)
           OR any(a IN coalesce(m.aliases, []) WHERE toLower(a) = toLower($mentions)) })
WITH s, said, q, d
ORDER BY d.published DESC, d.id, q.start, q.id
SKIP $offset LIMIT $limit
RETURN q {.id, .text, .start, .end} AS quote,
       s {.key, .name, .type} AS speaker,
       d {.id, .title, .url, .published} AS document,
       said {.sentence, .sentence_index, .start, .end, .confidence, .extractor} AS evidence,
       COLLECT { MATCH (q)-[:ABOUT]->(m:Actor) RETURN m {.key, .name, .type} } AS about
