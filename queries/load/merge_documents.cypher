// merge_document for many documents at once, after lock_documents created or locked each node.
UNWIND $rows AS row
MATCH (d:Document {source: row.source})
SET d.id = row.id,
    d.content_hash = row.content_hash,
    d.title = row.title,
    d.url = row.url,
    d.published = row.published,
    d.ingested_at = row.ingested_at,
    d.text = row.text
RETURN count(*) AS written
