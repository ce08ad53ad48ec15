// The document node is kept across versions of a source; its id and metadata follow the content.
MATCH (d:Document {source: $source})
SET d.id = $id,
    d.content_hash = $content_hash,
    d.title = $title,
    d.url = $url,
    d.published = $published,
    d.ingested_at = $ingested_at,
    d.text = $text
