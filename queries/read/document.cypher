// A document's metadata and fact counts, by id (used before DELETE and after POST).
MATCH (d:Document {id: $id})
RETURN d {.id, .source, .title, .url, .published} AS document,
       COUNT { (:Quote)-[:QUOTED_IN]->(d) } AS quotes,
       COUNT { (d)-[:MENTIONS]->(:Actor) } AS mentions
