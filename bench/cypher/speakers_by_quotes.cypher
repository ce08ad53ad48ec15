// Bench: every person who said something, most quoted first (ties by key): the query bench's Zipf ranks,
// on the view that the most quoted people are also the most asked about.
MATCH (a:Person)-[:SAID]->(:Quote)
WITH a, count(*) AS quotes
RETURN a.key AS key
ORDER BY quotes DESC, key
