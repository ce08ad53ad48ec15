// Guide: what one actor said about another: quotes that name the topic, or quotes in documents that
// mention it, with the document each quote comes from.
WITH 'Marisol Quenby' AS speaker, 'Advanced Packaging Resilience Act' AS topic
MATCH said = (:Actor {name: speaker})-[:SAID]->(q:Quote)-[:QUOTED_IN]->(d:Document)
MATCH (t:Actor {name: topic})
WHERE EXISTS { (q)-[:ABOUT]->(t) } OR EXISTS { (d)-[:MENTIONS]->(t) }
RETURN said, t
