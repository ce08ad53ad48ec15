// A document's full text, so a caller can check evidence offsets against it.
MATCH (d:Document {id: $id})
RETURN d.text AS text
