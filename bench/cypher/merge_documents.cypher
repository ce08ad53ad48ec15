// Bench bulk path only: many new documents in one statement (the product writes one per transaction,
// after lock_document). Valid on a freshly wiped database, where no previous version needs retracting.
UNWIND $rows AS row
MERGE (d:Document {source: row.source})
SET d.id = row.id,
    d.content_hash = row.content_hash,
    d.title = row.title,
    d.url = row.url,
    d.published = row.published,
    d.ingested_at = row.ingested_at,
    d.text = row.text
RETURN count(*) AS written
