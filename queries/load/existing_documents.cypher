// Which of these document ids are already loaded, so unchanged texts skip extraction.
UNWIND $ids AS id
MATCH (d:Document {id: id})
WHERE d.content_hash IS NOT NULL
RETURN collect(d.id) AS ids
