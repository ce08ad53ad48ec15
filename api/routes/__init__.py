"""One router per file; `api.main` includes them all."""
