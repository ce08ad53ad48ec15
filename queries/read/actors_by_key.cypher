// Nodes for a set of actor keys (the network's start node and any stragglers).
MATCH (a:Actor) WHERE a.key IN $keys
RETURN a {.key, .name, .type, .pagerank, .community} AS node
