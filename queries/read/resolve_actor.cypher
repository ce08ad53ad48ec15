// Keys of the actors a user's reference names: the key itself, or an exact (case-insensitive) name or
// alias found through the `actor_names` full-text index ($phrase: a quoted Lucene phrase), never a scan.
CALL () {
  MATCH (a:Actor {key: $ref}) RETURN a
  UNION
  WITH 1 AS one WHERE $phrase IS NOT NULL
  CALL db.index.fulltext.queryNodes('actor_names', $phrase, {limit: 500}) YIELD node AS a
  WITH a WHERE toLower(a.name) = toLower($ref)
            OR any(x IN coalesce(a.aliases, []) WHERE toLower(x) = toLower($ref))
  RETURN a
}
RETURN collect(DISTINCT a.key) AS keys
