-- Books: where each revenue and expense account shows on the profit and loss statement
-- (docs/decisions/025-financial-statements.md). Balance-sheet accounts are placed by their type.
CREATE TYPE "statement_section" AS ENUM ('revenue', 'contra_revenue', 'cogs', 'operating_expense', 'other_income', 'other_expense');

ALTER TABLE "accounts" ADD COLUMN "statement_section" "statement_section";

UPDATE "accounts" SET "statement_section" = CASE "code"
    WHEN '4200' THEN 'contra_revenue'
    WHEN '4300' THEN 'contra_revenue'
    WHEN '5000' THEN 'cogs'
    ELSE NULL
  END::"statement_section"
  WHERE "system";
UPDATE "accounts" SET "statement_section" = 'revenue' WHERE "type" = 'revenue' AND "statement_section" IS NULL;
UPDATE "accounts" SET "statement_section" = 'operating_expense' WHERE "type" = 'expense' AND "statement_section" IS NULL;

-- A P&L account has a section of its own side; a balance-sheet account has none.
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_statement_section_check" CHECK (
  CASE "type"
    WHEN 'revenue' THEN "statement_section" IN ('revenue', 'contra_revenue', 'other_income')
    WHEN 'expense' THEN "statement_section" IN ('cogs', 'operating_expense', 'other_expense')
    ELSE "statement_section" IS NULL
  END
);
