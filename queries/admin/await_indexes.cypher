// Full-text and range indexes populate in the background; wait so the first queries use them.
CALL db.awaitIndexes($timeout_s)
