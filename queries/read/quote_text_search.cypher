// Ids of quotes whose text matches a Lucene query over the `quote_text` full-text index.
CALL db.index.fulltext.queryNodes('quote_text', $lucene, {limit: $limit}) YIELD node, score
RETURN node.id AS id, score
