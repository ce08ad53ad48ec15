// An actor no remaining document supports has no relationship left.
UNWIND $keys AS key
MATCH (a:Actor {key: key})
WHERE NOT EXISTS { (a)--() }
DELETE a
RETURN count(a) AS deleted
