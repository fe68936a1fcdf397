-- Inventory costing (cost pools and layers), receipts, adjustments, transfers, the double-entry
-- ledger with its chart of accounts, and idempotency keys.

-- CreateEnum
CREATE TYPE "account_type" AS ENUM ('asset', 'liability', 'equity', 'revenue', 'expense');
CREATE TYPE "receipt_kind" AS ENUM ('purchase', 'opening');

-- Movements carry the value they moved; new movement kinds for unsellable buckets and re-costing.
ALTER TYPE "stock_movement_type" ADD VALUE 'damage';
ALTER TYPE "stock_movement_type" ADD VALUE 'quarantine';
ALTER TYPE "stock_movement_type" ADD VALUE 'release_quarantine';
ALTER TYPE "stock_movement_type" ADD VALUE 'revalue';
ALTER TABLE "stock_movements" ADD COLUMN "value_delta" INTEGER NOT NULL DEFAULT 0;

-- Stock levels learn whether their variant may be backordered, so CHECKs can use it.
ALTER TABLE "stock_levels" ADD COLUMN "backorder_allowed" BOOLEAN NOT NULL DEFAULT false;
UPDATE "stock_levels" l SET "backorder_allowed" = v."allow_backorder" FROM "variants" v WHERE v."id" = l."variant_id";
ALTER TABLE "stock_levels" DROP CONSTRAINT "stock_levels_on_hand_nonnegative";
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_on_hand_nonnegative" CHECK ("on_hand" >= 0 OR "backorder_allowed");
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_reserved_within_on_hand" CHECK ("reserved" <= "on_hand" OR "backorder_allowed");

-- CreateTable
CREATE TABLE "accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "account_type" NOT NULL,
    "system" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "journal_entries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" SERIAL NOT NULL,
    "posted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "memo" TEXT NOT NULL,
    "source_type" TEXT NOT NULL,
    "source_id" TEXT,
    "reverses_entry_id" UUID,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "journal_entries_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "journal_lines" (
    "id" BIGSERIAL NOT NULL,
    "entry_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "debit" INTEGER NOT NULL DEFAULT 0,
    "credit" INTEGER NOT NULL DEFAULT 0,
    "memo" TEXT,
    CONSTRAINT "journal_lines_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "journal_lines_one_side" CHECK (("debit" > 0 AND "credit" = 0) OR ("credit" > 0 AND "debit" = 0))
);

CREATE TABLE "cost_pools" (
    "variant_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "value" INTEGER NOT NULL DEFAULT 0,
    "last_unit_cost" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cost_pools_pkey" PRIMARY KEY ("variant_id"),
    CONSTRAINT "cost_pools_last_unit_cost_nonnegative" CHECK ("last_unit_cost" IS NULL OR "last_unit_cost" >= 0)
);

CREATE TABLE "cost_layers" (
    "id" BIGSERIAL NOT NULL,
    "variant_id" UUID NOT NULL,
    "source_type" TEXT NOT NULL,
    "source_id" TEXT,
    "unit_cost" INTEGER NOT NULL,
    "quantity_received" INTEGER NOT NULL,
    "quantity_remaining" INTEGER NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cost_layers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "cost_layers_quantities" CHECK ("quantity_received" > 0 AND "quantity_remaining" >= 0 AND "quantity_remaining" <= "quantity_received"),
    CONSTRAINT "cost_layers_unit_cost_nonnegative" CHECK ("unit_cost" >= 0)
);

CREATE TABLE "receipts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" SERIAL NOT NULL,
    "kind" "receipt_kind" NOT NULL DEFAULT 'purchase',
    "location_id" UUID NOT NULL,
    "reference" TEXT,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "receipts_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "receipt_lines" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "receipt_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_cost" INTEGER NOT NULL,
    "recost_amount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "receipt_lines_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "receipt_lines_quantity_positive" CHECK ("quantity" > 0),
    CONSTRAINT "receipt_lines_unit_cost_nonnegative" CHECK ("unit_cost" >= 0)
);

CREATE TABLE "inventory_adjustments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" SERIAL NOT NULL,
    "location_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "delta" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "note" TEXT,
    "value" INTEGER NOT NULL DEFAULT 0,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "inventory_adjustments_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "inventory_adjustments_delta_nonzero" CHECK ("delta" <> 0)
);

CREATE TABLE "stock_transfers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" SERIAL NOT NULL,
    "from_location_id" UUID NOT NULL,
    "to_location_id" UUID NOT NULL,
    "note" TEXT,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "stock_transfers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "stock_transfers_distinct_locations" CHECK ("from_location_id" <> "to_location_id")
);

CREATE TABLE "stock_transfer_lines" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "transfer_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    CONSTRAINT "stock_transfer_lines_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "stock_transfer_lines_quantity_positive" CHECK ("quantity" > 0)
);

CREATE TABLE "idempotency_keys" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("scope","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "accounts_code_key" ON "accounts"("code");
CREATE UNIQUE INDEX "journal_entries_number_key" ON "journal_entries"("number");
CREATE UNIQUE INDEX "journal_entries_reverses_entry_id_key" ON "journal_entries"("reverses_entry_id");
CREATE INDEX "journal_entries_source_type_source_id_idx" ON "journal_entries"("source_type", "source_id");
CREATE INDEX "journal_entries_posted_at_idx" ON "journal_entries"("posted_at");
CREATE INDEX "journal_lines_entry_id_idx" ON "journal_lines"("entry_id");
CREATE INDEX "journal_lines_account_id_idx" ON "journal_lines"("account_id");
CREATE INDEX "cost_layers_variant_id_received_at_idx" ON "cost_layers"("variant_id", "received_at");
CREATE UNIQUE INDEX "receipts_number_key" ON "receipts"("number");
CREATE INDEX "receipts_created_at_idx" ON "receipts"("created_at");
CREATE INDEX "receipt_lines_receipt_id_idx" ON "receipt_lines"("receipt_id");
CREATE INDEX "receipt_lines_variant_id_idx" ON "receipt_lines"("variant_id");
CREATE UNIQUE INDEX "inventory_adjustments_number_key" ON "inventory_adjustments"("number");
CREATE INDEX "inventory_adjustments_variant_id_created_at_idx" ON "inventory_adjustments"("variant_id", "created_at");
CREATE UNIQUE INDEX "stock_transfers_number_key" ON "stock_transfers"("number");
CREATE INDEX "stock_transfer_lines_transfer_id_idx" ON "stock_transfer_lines"("transfer_id");
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");
-- FIFO reads the open layers of a variant oldest first.
CREATE INDEX "cost_layers_open_idx" ON "cost_layers"("variant_id", "received_at", "id") WHERE "quantity_remaining" > 0;

-- AddForeignKey
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_reverses_entry_id_fkey" FOREIGN KEY ("reverses_entry_id") REFERENCES "journal_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "journal_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "cost_pools" ADD CONSTRAINT "cost_pools_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "cost_layers" ADD CONSTRAINT "cost_layers_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "receipt_lines" ADD CONSTRAINT "receipt_lines_receipt_id_fkey" FOREIGN KEY ("receipt_id") REFERENCES "receipts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "receipt_lines" ADD CONSTRAINT "receipt_lines_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "inventory_adjustments" ADD CONSTRAINT "inventory_adjustments_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "inventory_adjustments" ADD CONSTRAINT "inventory_adjustments_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "stock_transfers" ADD CONSTRAINT "stock_transfers_from_location_id_fkey" FOREIGN KEY ("from_location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "stock_transfers" ADD CONSTRAINT "stock_transfers_to_location_id_fkey" FOREIGN KEY ("to_location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "stock_transfer_lines" ADD CONSTRAINT "stock_transfer_lines_transfer_id_fkey" FOREIGN KEY ("transfer_id") REFERENCES "stock_transfers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stock_transfer_lines" ADD CONSTRAINT "stock_transfer_lines_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The ledger's guarantees, enforced by the database as the last line of defence:
-- 1. an entry's debits equal its credits and it has at least two lines (checked at commit, so the
--    lines of one entry can be inserted one by one inside its transaction);
CREATE FUNCTION "journal_entry_must_balance"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entry UUID;
  total_debit BIGINT;
  total_credit BIGINT;
  line_count INT;
BEGIN
  -- NEW's fields are resolved per table, so read the entry id in separate branches.
  IF TG_TABLE_NAME = 'journal_entries' THEN
    entry := NEW."id";
  ELSE
    entry := NEW."entry_id";
  END IF;
  SELECT coalesce(sum("debit"), 0), coalesce(sum("credit"), 0), count(*)
    INTO total_debit, total_credit, line_count
    FROM "journal_lines" WHERE "entry_id" = entry;
  IF line_count < 2 THEN
    RAISE EXCEPTION 'journal entry % has % line(s); it needs at least two', entry, line_count USING ERRCODE = '23514';
  END IF;
  IF total_debit <> total_credit THEN
    RAISE EXCEPTION 'journal entry % does not balance: debits % <> credits %', entry, total_debit, total_credit USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER "journal_entries_balanced" AFTER INSERT ON "journal_entries"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "journal_entry_must_balance"();
CREATE CONSTRAINT TRIGGER "journal_lines_balanced" AFTER INSERT ON "journal_lines"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "journal_entry_must_balance"();
-- 2. entries and lines are append-only: corrections are reversing entries.
CREATE TRIGGER "journal_entries_append_only" BEFORE UPDATE OR DELETE ON "journal_entries"
  FOR EACH ROW EXECUTE FUNCTION "forbid_history_change"();
CREATE TRIGGER "journal_lines_append_only" BEFORE UPDATE OR DELETE ON "journal_lines"
  FOR EACH ROW EXECUTE FUNCTION "forbid_history_change"();

-- The chart of accounts the posting rules use (a manager can add more).
INSERT INTO "accounts" ("code", "name", "type", "system") VALUES
  ('1000', 'Cash', 'asset', true),
  ('1010', 'Payment processor clearing', 'asset', true),
  ('1100', 'Accounts receivable', 'asset', true),
  ('1200', 'Inventory', 'asset', true),
  ('2000', 'Accounts payable', 'liability', true),
  ('2100', 'Sales tax payable', 'liability', true),
  ('3000', 'Owner''s equity', 'equity', true),
  ('3100', 'Opening balance equity', 'equity', true),
  ('4000', 'Sales revenue', 'revenue', true),
  ('4100', 'Shipping revenue', 'revenue', true),
  ('4200', 'Sales discounts', 'revenue', true),
  ('4300', 'Sales returns and refunds', 'revenue', true),
  ('5000', 'Cost of goods sold', 'expense', true),
  ('5100', 'Inventory shrinkage', 'expense', true),
  ('5200', 'Payment processing fees', 'expense', true),
  ('5300', 'Shipping expense', 'expense', true);
