// Anything that exists twice: relationships by fact_id, nodes by key.
CALL () { MATCH ()-[r]->() WITH r.fact_id AS f, count(*) AS n WHERE n > 1 RETURN count(*) AS rels }
CALL () { MATCH (a:Actor) WITH a.key AS k, count(*) AS n WHERE n > 1 RETURN count(*) AS actors }
CALL () { MATCH (d:Document) WITH d.source AS k, count(*) AS n WHERE n > 1 RETURN count(*) AS documents }
CALL () { MATCH (q:Quote) WITH q.id AS k, count(*) AS n WHERE n > 1 RETURN count(*) AS quotes }
RETURN rels, actors, documents, quotes
