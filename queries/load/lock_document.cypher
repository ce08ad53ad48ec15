// First statement of every document write. MERGE on the unique source serialises concurrent
// creators; the SET/REMOVE takes a write lock held until commit, so a second writer of the same
// source waits and then reads the committed version (the documented explicit-lock idiom).
MERGE (d:Document {source: $source})
  ON CREATE SET d.id = $id
SET d._lock = true
WITH d, d.id AS id, d.content_hash IS NOT NULL AS existed
REMOVE d._lock
RETURN id, existed
