-- The ledger's posting scope is `ledger:write`, as issue 17's API contract names it (was
-- `ledger:post`). Stored keys get the new name; lib/auth/permissions.ts still reads the old one.
UPDATE api_keys SET scopes = array_replace(scopes, 'ledger:post', 'ledger:write') WHERE 'ledger:post' = ANY (scopes);
