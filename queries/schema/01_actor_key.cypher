// Actor identity across documents: gazetteer id or type:normalised-name.
CREATE CONSTRAINT actor_key IF NOT EXISTS FOR (a:Actor) REQUIRE a.key IS UNIQUE
