-- Dropship and partial bill payments (issue 16, decision 041).

-- A variant fulfilled by its supplier: the flag and the supplier go together.
ALTER TABLE "variants"
  ADD COLUMN "dropship" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "dropship_supplier_id" UUID REFERENCES "suppliers"("id") ON DELETE RESTRICT,
  ADD CONSTRAINT "variants_dropship_supplier" CHECK (NOT "dropship" OR "dropship_supplier_id" IS NOT NULL);

-- A dropship PO ships one customer order to its shipping address.
ALTER TABLE "purchase_orders"
  ADD COLUMN "order_id" UUID REFERENCES "orders"("id") ON DELETE RESTRICT,
  ADD COLUMN "ship_to" JSONB,
  ADD CONSTRAINT "purchase_orders_dropship_ship_to" CHECK ("order_id" IS NULL OR "ship_to" IS NOT NULL);
CREATE INDEX "purchase_orders_order_id" ON "purchase_orders"("order_id") WHERE "order_id" IS NOT NULL;

-- The dropship PO line an order line went to: set once, so one order line never gets two POs.
ALTER TABLE "order_lines"
  ADD COLUMN "dropship_po_line_id" UUID REFERENCES "purchase_order_lines"("id") ON DELETE RESTRICT;
CREATE INDEX "order_lines_dropship_po_line_id" ON "order_lines"("dropship_po_line_id")
  WHERE "dropship_po_line_id" IS NOT NULL;

-- Partial payments: a bill is partially paid until the payments reach its total.
ALTER TYPE "supplier_bill_status" ADD VALUE IF NOT EXISTS 'partially_paid' BEFORE 'paid';
ALTER TABLE "supplier_bills"
  ADD COLUMN "amount_paid" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "carrying_paid" INTEGER NOT NULL DEFAULT 0,
  ADD CONSTRAINT "supplier_bills_amount_paid" CHECK ("amount_paid" BETWEEN 0 AND "total");

CREATE TABLE "supplier_bill_payments" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "bill_id" UUID NOT NULL REFERENCES "supplier_bills"("id") ON DELETE CASCADE,
  "paid_on" DATE NOT NULL,
  "amount" INTEGER NOT NULL CHECK ("amount" > 0),
  "fx_rate" NUMERIC(20,10),
  "bank_amount" INTEGER NOT NULL,
  "carrying" INTEGER NOT NULL,
  "realized_fx" INTEGER NOT NULL,
  "journal_entry_id" UUID,
  "created_by" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "supplier_bill_payments_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "supplier_bill_payments_bill_id" ON "supplier_bill_payments"("bill_id");

-- Bills paid before partial payments existed were paid in full, once.
UPDATE "supplier_bills" SET "amount_paid" = "total", "carrying_paid" = coalesce("base_total", 0)
 WHERE "status" = 'paid';
INSERT INTO "supplier_bill_payments" ("bill_id", "paid_on", "amount", "fx_rate", "bank_amount", "carrying",
                                      "realized_fx", "journal_entry_id", "created_by", "created_at")
SELECT "id", "paid_on", "total", "payment_fx_rate", coalesce("payment_base", 0), coalesce("base_total", 0),
       coalesce("realized_fx", 0), "payment_entry_id", "created_by", "updated_at"
  FROM "supplier_bills" WHERE "status" = 'paid' AND "total" > 0 AND "paid_on" IS NOT NULL;
