// Test helper: the settings Neo4j Browser reads, e.g. the hosts it may fetch guides and styles from.
CALL dbms.clientConfig() YIELD name, value
RETURN name, value
