// Test-only stand-in for queries/schema until graph.schema lands (docs/graph-model.md, Indexes).
CREATE CONSTRAINT actor_key IF NOT EXISTS FOR (a:Actor) REQUIRE a.key IS UNIQUE;
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT document_source IF NOT EXISTS FOR (d:Document) REQUIRE d.source IS UNIQUE;
CREATE CONSTRAINT quote_id IF NOT EXISTS FOR (q:Quote) REQUIRE q.id IS UNIQUE;
CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.alias_text];
CREATE FULLTEXT INDEX quote_text IF NOT EXISTS FOR (q:Quote) ON EACH [q.text];
