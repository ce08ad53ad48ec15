// Online indexes (constraints create their own backing index): /ready checks the expected ones exist.
SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state
WHERE state = 'ONLINE'
RETURN name, type, labelsOrTypes, properties
