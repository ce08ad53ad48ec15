MATCH (a:Actor)
RETURN a.key AS key, labels(a) AS labels, a.aliases AS aliases, a.alias_text AS alias_text
ORDER BY key
