// Names of the online indexes (a constraint's backing index shares its name).
SHOW INDEXES YIELD name, state
WHERE state = 'ONLINE'
RETURN collect(name) AS names
