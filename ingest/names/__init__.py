"""Actors in a text: the gazetteer (`gazetteer`, data in `ingest/data/gazetteer.yaml`), written forms of
names (`forms`), titles before names (`titles`) and in-document resolution (`resolve`). Shared by every
relation's package; imports none of them."""
