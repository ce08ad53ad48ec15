// Guide: who funds a sector, with the amounts as written (shown on the relationships).
WITH 'Quantum computing' AS sector
MATCH flow = (:Actor)-[:FUNDS]->(:Sector {name: sector})
RETURN flow
