-- System accounts that purchasing (supplier bills) and the books (FX, sales tax) both post to, added
-- once here so neither owns the other's chart: input tax on supplier bills, purchase price variance
-- from three-way matching, and realized and unrealized exchange differences.
INSERT INTO "accounts" ("code", "name", "type", "statement_section", "system") VALUES
  ('1300', 'Input tax recoverable', 'asset', NULL, true),
  ('5400', 'Purchase price variance', 'expense', 'cogs', true),
  ('7100', 'Realized exchange gain/loss', 'expense', 'other_expense', true),
  ('7200', 'Unrealized exchange gain/loss', 'expense', 'other_expense', true)
ON CONFLICT ("code") DO NOTHING;
