// The source of every document, in order.
MATCH (d:Document)
RETURN d.source AS source
ORDER BY source
