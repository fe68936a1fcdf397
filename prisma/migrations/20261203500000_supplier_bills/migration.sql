-- Supplier bills with three-way match, bill payments, landed-cost charges and foreign-currency POs
-- (issue 16, decision 034).

-- A bill line whose amount differs from the received cost by more than this percentage waits for a
-- manager; within it the difference is posted as purchase price variance.
ALTER TABLE "suppliers" ADD COLUMN "bill_tolerance_pct" INTEGER NOT NULL DEFAULT 2
  CHECK ("bill_tolerance_pct" BETWEEN 0 AND 100);

-- What bills have taken from each PO line, and the base value receipts credited to GRNI for it.
ALTER TABLE "purchase_order_lines"
  ADD COLUMN "quantity_billed" INTEGER NOT NULL DEFAULT 0 CHECK ("quantity_billed" >= 0),
  ADD COLUMN "received_value" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "grni_cleared" INTEGER NOT NULL DEFAULT 0;
UPDATE "purchase_order_lines" SET "received_value" = "quantity_received" * "unit_cost";

-- The rate a receipt of a foreign-currency PO converted at (1 in the shop's currency).
ALTER TABLE "receipts" ADD COLUMN "fx_rate" NUMERIC(20,10);

CREATE TYPE "supplier_bill_status" AS ENUM ('awaiting_approval', 'posted', 'paid', 'rejected');

CREATE TABLE "supplier_bills" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "number" SERIAL NOT NULL,
  "purchase_order_id" UUID NOT NULL,
  "supplier_id" UUID NOT NULL,
  "supplier_reference" TEXT NOT NULL,
  "bill_date" DATE NOT NULL,
  "due_date" DATE NOT NULL,
  "currency" CHAR(3) NOT NULL,
  "status" "supplier_bill_status" NOT NULL,
  "subtotal" INTEGER NOT NULL CHECK ("subtotal" >= 0),
  "input_tax" INTEGER NOT NULL DEFAULT 0 CHECK ("input_tax" >= 0),
  "total" INTEGER NOT NULL CHECK ("total" >= 0),
  "fx_rate" NUMERIC(20,10),
  "base_total" INTEGER,
  "grni_value" INTEGER,
  "variance" INTEGER,
  "match_issues" JSONB NOT NULL DEFAULT '[]',
  "journal_entry_id" UUID,
  "approved_by" TEXT,
  "approved_at" TIMESTAMPTZ(3),
  "paid_on" DATE,
  "payment_fx_rate" NUMERIC(20,10),
  "payment_base" INTEGER,
  "realized_fx" INTEGER,
  "payment_entry_id" UUID,
  "created_by" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "supplier_bills_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "supplier_bills_total_sum_check" CHECK ("total" = "subtotal" + "input_tax")
);
CREATE UNIQUE INDEX "supplier_bills_number_key" ON "supplier_bills"("number");
CREATE UNIQUE INDEX "supplier_bills_supplier_id_supplier_reference_key"
  ON "supplier_bills"("supplier_id", "supplier_reference");
CREATE INDEX "supplier_bills_purchase_order_id_idx" ON "supplier_bills"("purchase_order_id");
CREATE INDEX "supplier_bills_status_due_date_idx" ON "supplier_bills"("status", "due_date");
ALTER TABLE "supplier_bills" ADD CONSTRAINT "supplier_bills_purchase_order_id_fkey"
  FOREIGN KEY ("purchase_order_id") REFERENCES "purchase_orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "supplier_bills" ADD CONSTRAINT "supplier_bills_supplier_id_fkey"
  FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "supplier_bill_lines" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "bill_id" UUID NOT NULL,
  "purchase_order_line_id" UUID NOT NULL,
  "sku" TEXT NOT NULL,
  "quantity" INTEGER NOT NULL CHECK ("quantity" > 0),
  "unit_cost" INTEGER NOT NULL CHECK ("unit_cost" >= 0),
  "ordered" INTEGER NOT NULL,
  "received" INTEGER NOT NULL,
  "previously_billed" INTEGER NOT NULL,
  "grni_value" INTEGER,
  CONSTRAINT "supplier_bill_lines_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "supplier_bill_lines_bill_id_idx" ON "supplier_bill_lines"("bill_id");
ALTER TABLE "supplier_bill_lines" ADD CONSTRAINT "supplier_bill_lines_bill_id_fkey"
  FOREIGN KEY ("bill_id") REFERENCES "supplier_bills"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "supplier_bill_lines" ADD CONSTRAINT "supplier_bill_lines_purchase_order_line_id_fkey"
  FOREIGN KEY ("purchase_order_line_id") REFERENCES "purchase_order_lines"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TYPE "landed_charge_kind" AS ENUM ('freight', 'duty', 'insurance', 'other');
CREATE TYPE "landed_charge_allocation" AS ENUM ('value', 'quantity', 'weight', 'volume');

-- A landed-cost charge on a receipt (receipt_id set) or late against a PO (over all its receipts).
CREATE TABLE "landed_cost_charges" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "purchase_order_id" UUID NOT NULL,
  "receipt_id" UUID,
  "kind" "landed_charge_kind" NOT NULL,
  "allocation" "landed_charge_allocation" NOT NULL,
  "currency" CHAR(3) NOT NULL,
  "amount" INTEGER NOT NULL CHECK ("amount" > 0),
  "fx_rate" NUMERIC(20,10),
  "base_amount" INTEGER NOT NULL,
  "to_inventory" INTEGER NOT NULL,
  "to_cogs" INTEGER NOT NULL,
  "journal_entry_id" UUID,
  "created_by" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "landed_cost_charges_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "landed_cost_charges_split_check" CHECK ("to_inventory" + "to_cogs" = "base_amount")
);
CREATE INDEX "landed_cost_charges_purchase_order_id_idx" ON "landed_cost_charges"("purchase_order_id");
ALTER TABLE "landed_cost_charges" ADD CONSTRAINT "landed_cost_charges_purchase_order_id_fkey"
  FOREIGN KEY ("purchase_order_id") REFERENCES "purchase_orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- One charge's share per receipt line: what went to the layers still on hand and what to COGS.
CREATE TABLE "landed_cost_allocations" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "charge_id" UUID NOT NULL,
  "receipt_line_id" UUID NOT NULL,
  "sku" TEXT NOT NULL,
  "basis" BIGINT NOT NULL,
  "amount" INTEGER NOT NULL,
  "to_inventory" INTEGER NOT NULL,
  "to_cogs" INTEGER NOT NULL,
  CONSTRAINT "landed_cost_allocations_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "landed_cost_allocations_split_check" CHECK ("to_inventory" + "to_cogs" = "amount")
);
CREATE INDEX "landed_cost_allocations_charge_id_idx" ON "landed_cost_allocations"("charge_id");
ALTER TABLE "landed_cost_allocations" ADD CONSTRAINT "landed_cost_allocations_charge_id_fkey"
  FOREIGN KEY ("charge_id") REFERENCES "landed_cost_charges"("id") ON DELETE CASCADE ON UPDATE CASCADE;
