// The transactions of one POST /cypher request, found by the metadata the API tags it with.
SHOW TRANSACTIONS
YIELD transactionId, metaData, status
WHERE metaData.policygraph_request = $request
RETURN transactionId AS id, status
