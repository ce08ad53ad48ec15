// Document identity: hash of source and content, so re-ingesting the same text is a no-op.
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE
