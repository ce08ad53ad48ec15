// Every node with its labels and properties (graph comparisons in tests).
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
