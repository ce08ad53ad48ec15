// Guide: what one actor said about another, with the document each quote comes from.
WITH 'Mara Velasquez' AS speaker, 'Chips Forward Act' AS topic
MATCH said = (:Actor {name: speaker})-[:SAID]->(q:Quote)-[:ABOUT]->(:Actor {name: topic})
MATCH source = (q)-[:QUOTED_IN]->(:Document)
RETURN said, source
