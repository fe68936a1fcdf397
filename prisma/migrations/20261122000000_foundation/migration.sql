-- Foundation: users and access, audit log, shop settings, catalog, locations and bins, stock,
-- customers and orders. Written by hand in the shape `prisma migrate diff` produces; the drift test
-- (tests/integration/drift.test.ts) checks it against prisma/schema.prisma.

-- CreateEnum
CREATE TYPE "role" AS ENUM ('admin', 'manager', 'warehouse', 'support');
CREATE TYPE "inventory_costing" AS ENUM ('fifo', 'average');
CREATE TYPE "product_status" AS ENUM ('active', 'archived');
CREATE TYPE "location_kind" AS ENUM ('warehouse', 'store');
CREATE TYPE "stock_movement_type" AS ENUM ('receive', 'reserve', 'release', 'ship', 'adjust', 'transfer_out', 'transfer_in', 'return_restock', 'return_damaged', 'count_correction', 'scrap');
CREATE TYPE "sales_channel" AS ENUM ('web', 'shopify', 'amazon', 'ebay', 'etsy', 'woocommerce', 'manual');
CREATE TYPE "order_status" AS ENUM ('pending_review', 'open', 'on_hold', 'partially_fulfilled', 'fulfilled', 'delivered', 'cancelled');
CREATE TYPE "payment_status" AS ENUM ('pending', 'authorized', 'paid', 'partially_refunded', 'refunded');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "role" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "session_version" INTEGER NOT NULL DEFAULT 1,
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "users_email_lowercase" CHECK ("email" = lower("email"))
);

CREATE TABLE "login_attempts" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "login_attempts_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "api_keys" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "created_by_id" UUID,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "shop_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "shop_name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "timezone" TEXT NOT NULL,
    "inventory_costing" "inventory_costing" NOT NULL DEFAULT 'fifo',
    "support_refund_limit" INTEGER NOT NULL DEFAULT 10000,
    "fraud_review_threshold" INTEGER NOT NULL DEFAULT 50,
    "fulfilling_location_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "shop_settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "shop_settings_single_row" CHECK ("id" = 1),
    CONSTRAINT "shop_settings_refund_limit_nonnegative" CHECK ("support_refund_limit" >= 0)
);

CREATE TABLE "products" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "description" TEXT,
    "vendor" TEXT,
    "product_type" TEXT,
    "status" "product_status" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "products_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "variants" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "product_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "barcode" TEXT,
    "title" TEXT NOT NULL DEFAULT '',
    "price" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "weight_grams" INTEGER,
    "length_mm" INTEGER,
    "width_mm" INTEGER,
    "height_mm" INTEGER,
    "reorder_point" INTEGER NOT NULL DEFAULT 0,
    "safety_stock" INTEGER NOT NULL DEFAULT 0,
    "lead_time_days" INTEGER NOT NULL DEFAULT 0,
    "allow_backorder" BOOLEAN NOT NULL DEFAULT false,
    "status" "product_status" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "variants_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "variants_price_nonnegative" CHECK ("price" >= 0),
    CONSTRAINT "variants_dimensions_nonnegative" CHECK (
      coalesce("weight_grams", 0) >= 0 AND coalesce("length_mm", 0) >= 0 AND
      coalesce("width_mm", 0) >= 0 AND coalesce("height_mm", 0) >= 0),
    CONSTRAINT "variants_planning_nonnegative" CHECK (
      "reorder_point" >= 0 AND "safety_stock" >= 0 AND "lead_time_days" >= 0)
);

CREATE TABLE "locations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "location_kind" NOT NULL DEFAULT 'warehouse',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "locations_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "bins" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "location_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "pick_sequence" INTEGER NOT NULL,
    CONSTRAINT "bins_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "stock_levels" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "variant_id" UUID NOT NULL,
    "location_id" UUID NOT NULL,
    "bin_id" UUID,
    "on_hand" INTEGER NOT NULL DEFAULT 0,
    "reserved" INTEGER NOT NULL DEFAULT 0,
    "damaged" INTEGER NOT NULL DEFAULT 0,
    "quarantine" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "stock_levels_pkey" PRIMARY KEY ("id"),
    -- The last line of defence against overselling and lost counts; use cases lock the row first.
    CONSTRAINT "stock_levels_on_hand_nonnegative" CHECK ("on_hand" >= 0),
    CONSTRAINT "stock_levels_reserved_nonnegative" CHECK ("reserved" >= 0),
    CONSTRAINT "stock_levels_unsellable_nonnegative" CHECK ("damaged" >= 0 AND "quarantine" >= 0)
);

CREATE TABLE "stock_movements" (
    "id" BIGSERIAL NOT NULL,
    "variant_id" UUID NOT NULL,
    "location_id" UUID NOT NULL,
    "bin_id" UUID,
    "type" "stock_movement_type" NOT NULL,
    "on_hand_delta" INTEGER NOT NULL DEFAULT 0,
    "reserved_delta" INTEGER NOT NULL DEFAULT 0,
    "damaged_delta" INTEGER NOT NULL DEFAULT 0,
    "quarantine_delta" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT,
    "reference_type" TEXT,
    "reference_id" TEXT,
    "actor_type" TEXT NOT NULL,
    "actor_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "stock_movements_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "customers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "phone" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "customers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "customers_email_lowercase" CHECK ("email" = lower("email"))
);

CREATE TABLE "customer_addresses" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "customer_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "line1" TEXT NOT NULL,
    "line2" TEXT,
    "city" TEXT NOT NULL,
    "region" TEXT,
    "postal_code" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "phone" TEXT,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "customer_addresses_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "orders" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "number" SERIAL NOT NULL,
    "channel" "sales_channel" NOT NULL,
    "external_id" TEXT,
    "status" "order_status" NOT NULL,
    "payment_status" "payment_status" NOT NULL,
    "customer_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "subtotal" INTEGER NOT NULL,
    "discount_amount" INTEGER NOT NULL DEFAULT 0,
    "shipping_amount" INTEGER NOT NULL DEFAULT 0,
    "tax_amount" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL,
    "shipping_address" JSONB NOT NULL,
    "billing_address" JSONB,
    "shipping_method" TEXT,
    "promised_ship_by" TIMESTAMPTZ(3),
    "placed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "hold_reason" TEXT,
    "cancelled_at" TIMESTAMPTZ(3),
    "cancel_reason" TEXT,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "orders_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "orders_amounts_nonnegative" CHECK (
      "subtotal" >= 0 AND "discount_amount" >= 0 AND "shipping_amount" >= 0 AND
      "tax_amount" >= 0 AND "total" >= 0)
);

CREATE TABLE "order_lines" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "order_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit_price" INTEGER NOT NULL,
    "discount_amount" INTEGER NOT NULL DEFAULT 0,
    "tax_amount" INTEGER NOT NULL DEFAULT 0,
    "quantity_fulfilled" INTEGER NOT NULL DEFAULT 0,
    "quantity_returned" INTEGER NOT NULL DEFAULT 0,
    "quantity_cancelled" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "order_lines_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "order_lines_quantity_positive" CHECK ("quantity" > 0),
    CONSTRAINT "order_lines_quantities_consistent" CHECK (
      "quantity_fulfilled" >= 0 AND "quantity_returned" >= 0 AND "quantity_cancelled" >= 0 AND
      "quantity_fulfilled" + "quantity_cancelled" <= "quantity" AND
      "quantity_returned" <= "quantity_fulfilled"),
    CONSTRAINT "order_lines_amounts_nonnegative" CHECK (
      "unit_price" >= 0 AND "discount_amount" >= 0 AND "tax_amount" >= 0)
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");
CREATE INDEX "login_attempts_email_created_at_idx" ON "login_attempts"("email", "created_at");
CREATE INDEX "login_attempts_ip_created_at_idx" ON "login_attempts"("ip", "created_at");
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");
CREATE INDEX "audit_log_entity_type_entity_id_created_at_idx" ON "audit_log"("entity_type", "entity_id", "created_at");
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at");
CREATE INDEX "products_name_idx" ON "products"("name");
CREATE UNIQUE INDEX "variants_sku_key" ON "variants"("sku");
CREATE UNIQUE INDEX "variants_barcode_key" ON "variants"("barcode");
CREATE INDEX "variants_product_id_idx" ON "variants"("product_id");
CREATE UNIQUE INDEX "locations_code_key" ON "locations"("code");
CREATE UNIQUE INDEX "bins_location_id_code_key" ON "bins"("location_id", "code");
CREATE INDEX "bins_location_id_pick_sequence_idx" ON "bins"("location_id", "pick_sequence");
CREATE UNIQUE INDEX "stock_levels_variant_id_location_id_key" ON "stock_levels"("variant_id", "location_id");
CREATE INDEX "stock_levels_location_id_idx" ON "stock_levels"("location_id");
CREATE INDEX "stock_movements_variant_id_location_id_created_at_idx" ON "stock_movements"("variant_id", "location_id", "created_at");
CREATE INDEX "stock_movements_reference_type_reference_id_idx" ON "stock_movements"("reference_type", "reference_id");
CREATE UNIQUE INDEX "customers_email_key" ON "customers"("email");
CREATE INDEX "customers_last_name_first_name_idx" ON "customers"("last_name", "first_name");
CREATE INDEX "customer_addresses_customer_id_idx" ON "customer_addresses"("customer_id");
CREATE UNIQUE INDEX "orders_number_key" ON "orders"("number");
CREATE INDEX "orders_placed_at_idx" ON "orders"("placed_at");
CREATE INDEX "orders_status_placed_at_idx" ON "orders"("status", "placed_at");
CREATE INDEX "orders_customer_id_placed_at_idx" ON "orders"("customer_id", "placed_at");
CREATE UNIQUE INDEX "orders_channel_external_id_key" ON "orders"("channel", "external_id");
CREATE INDEX "order_lines_order_id_idx" ON "order_lines"("order_id");
CREATE INDEX "order_lines_variant_id_idx" ON "order_lines"("variant_id");

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "shop_settings" ADD CONSTRAINT "shop_settings_fulfilling_location_id_fkey" FOREIGN KEY ("fulfilling_location_id") REFERENCES "locations"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "variants" ADD CONSTRAINT "variants_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "bins" ADD CONSTRAINT "bins_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stock_levels" ADD CONSTRAINT "stock_levels_bin_id_fkey" FOREIGN KEY ("bin_id") REFERENCES "bins"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_bin_id_fkey" FOREIGN KEY ("bin_id") REFERENCES "bins"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "customer_addresses" ADD CONSTRAINT "customer_addresses_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Append-only tables: stock movements and the audit log are history; no UPDATE or DELETE.
CREATE FUNCTION "forbid_history_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER "stock_movements_append_only" BEFORE UPDATE OR DELETE ON "stock_movements"
  FOR EACH ROW EXECUTE FUNCTION "forbid_history_change"();
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "forbid_history_change"();
