// Relationships per type: a bulk import is checked against the counts its files were written with.
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS relationships
