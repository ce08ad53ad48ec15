// Actors shared across documents. The type label is set once, on create, from the stored type
// (a dynamic label, Neo4j 5.26+), so an actor never carries two type labels. Aliases are written
// only when a new one arrives: unchanged actors cost no property write and no full-text update.
UNWIND $rows AS row
MERGE (a:Actor {key: row.key})
  ON CREATE SET a.name = row.name, a.type = row.type, a:$(row.type)
WITH a, row
CALL (a, row) {
  WITH a, reduce(acc = coalesce(a.aliases, []), x IN row.aliases |
    CASE WHEN x IN acc THEN acc ELSE acc + x END) AS aliases
  WITH a, aliases WHERE a.aliases IS NULL OR size(aliases) > size(a.aliases)
  SET a.aliases = aliases,
      a.alias_text = reduce(s = '', x IN aliases | s + CASE WHEN s = '' THEN '' ELSE ' | ' END + x)
}
RETURN count(*) AS written
