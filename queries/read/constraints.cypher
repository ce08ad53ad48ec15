// Names of all constraints: counted by the guard tests, which must leave them unchanged.
SHOW CONSTRAINTS YIELD name
RETURN name
