MATCH (d:Document)
RETURN d.id AS id, d.source AS source, d.title AS title, d.ingested_at AS ingested_at, d.content_hash AS hash
ORDER BY source
