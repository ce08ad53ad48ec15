// A document named by id or by source, each lookup on its unique constraint.
CALL () {
  MATCH (d:Document {id: $ref}) RETURN d
  UNION MATCH (d:Document {source: $ref}) RETURN d
}
RETURN d.id AS id, d.source AS source
LIMIT 1
