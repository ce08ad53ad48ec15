"""TEXT -> FACTS: read documents, run the spaCy pipeline, extract quotes, roles and funding."""
