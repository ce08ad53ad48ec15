// Labels cannot be parameters: one FOREACH per actor type adds the type label. The label follows
// the stored type (set once, on create), so an actor never carries two type labels.
UNWIND $rows AS row
MERGE (a:Actor {key: row.key})
  ON CREATE SET a.name = row.name, a.type = row.type
WITH a, row, reduce(acc = coalesce(a.aliases, []), x IN row.aliases |
  CASE WHEN x IN acc THEN acc ELSE acc + x END) AS aliases
SET a.aliases = aliases,
    a.alias_text = reduce(s = '', x IN aliases | s + CASE WHEN s = '' THEN '' ELSE ' | ' END + x)
FOREACH (_ IN CASE WHEN a.type = 'Person' THEN [1] ELSE [] END | SET a:Person)
FOREACH (_ IN CASE WHEN a.type = 'Organisation' THEN [1] ELSE [] END | SET a:Organisation)
FOREACH (_ IN CASE WHEN a.type = 'Country' THEN [1] ELSE [] END | SET a:Country)
FOREACH (_ IN CASE WHEN a.type = 'Policy' THEN [1] ELSE [] END | SET a:Policy)
FOREACH (_ IN CASE WHEN a.type = 'Sector' THEN [1] ELSE [] END | SET a:Sector)
FOREACH (_ IN CASE WHEN a.type = 'Publication' THEN [1] ELSE [] END | SET a:Publication)
RETURN count(*) AS written
