// Guide: every role a person holds or held, one relationship per supporting document.
WITH 'Pilar Esquivel' AS person
MATCH role = (:Person {name: person})-[:HOLDS_ROLE|AFFILIATED_WITH]->(:Actor)
RETURN role
