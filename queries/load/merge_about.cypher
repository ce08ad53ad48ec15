// One ABOUT per supporting document; evidence is in row.props. CREATE, not MERGE: fact_id includes
// the document id, and the writer only writes a document id that has no relationships yet (unchanged
// versions are skipped, replaced ones retracted first, rows deduplicated by fact_id in graph/rows.py).
UNWIND $rows AS row
MATCH (s:Quote {id: row.source})
MATCH (t:Actor {key: row.target})
CREATE (s)-[r:ABOUT {fact_id: row.fact_id}]->(t)
SET r += row.props
RETURN count(*) AS written
