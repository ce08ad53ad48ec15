// Stop user Cypher that overran its deadline (ids from admin/user_transactions).
TERMINATE TRANSACTIONS $ids
YIELD transactionId, message
RETURN transactionId AS id, message
