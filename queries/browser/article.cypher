// Guide: everything one article says: who it quotes, the roles it states, the funding it reports.
// Each fact's relationship carries doc_id, so one document's facts are one index lookup away.
WITH 'Lantern Lab backs chip plan' AS title
MATCH (d:Document {title: title})
MATCH fact = (:Actor)-[r:SAID|HOLDS_ROLE|AFFILIATED_WITH|FUNDS]->(x)
WHERE r.doc_id = d.id
OPTIONAL MATCH source = (x:Quote)-[:QUOTED_IN]->(d)
RETURN fact, source
