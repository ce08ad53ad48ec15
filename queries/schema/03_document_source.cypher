// One version per source: writers of the same source serialise on this constraint.
CREATE CONSTRAINT document_source IF NOT EXISTS FOR (d:Document) REQUIRE d.source IS UNIQUE
