// One FUNDS per supporting document: fact_id includes the document id; evidence is in row.props.
// MERGE, although the document lock already keeps a version from being written twice: a replayed
// statement stays a no-op (tests/reliability/test_retries.py), worth the ~15% a CREATE would save.
UNWIND $rows AS row
MATCH (s:Actor {key: row.source})
MATCH (t:Actor {key: row.target})
MERGE (s)-[r:FUNDS {fact_id: row.fact_id}]->(t)
SET r += row.props
RETURN count(*) AS written
