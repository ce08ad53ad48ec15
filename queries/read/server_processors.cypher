// The processors Neo4j's JVM sees: the API admits user Cypher on at most half of them.
CALL dbms.queryJmx('java.lang:type=OperatingSystem') YIELD attributes
RETURN attributes.AvailableProcessors.value AS processors
