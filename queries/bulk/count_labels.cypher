// Nodes per label: a bulk import is checked against the counts its files were written with.
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS nodes
