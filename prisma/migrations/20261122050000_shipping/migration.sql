-- Shipping: carriers and their services, dated rate cards (zone × billable-weight bracket), dated
-- dimensional-weight rules per carrier, the zone chart from the shop's warehouse, and package types
-- for the pack station. Weights are grams, dimensions millimetres, money minor units; carrier rules
-- (pounds, inches, kilograms) are applied in lib/shipping/rules.ts. See docs/decisions/009-shipping-rates.md.

-- CreateTable
CREATE TABLE "carriers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "carriers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "carriers_code_format" CHECK ("code" ~ '^[a-z0-9][a-z0-9_-]*$')
);

CREATE TABLE "carrier_services" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "carrier_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "transit_days" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "carrier_services_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "carrier_services_code_format" CHECK ("code" ~ '^[a-z0-9][a-z0-9_-]*$'),
    CONSTRAINT "carrier_services_transit_days" CHECK ("transit_days" BETWEEN 1 AND 60)
);

-- A card is in force on day d when effective_from <= d and (effective_to IS NULL OR d <= effective_to);
-- of several, the latest effective_from wins, so next month's card is one insert.
CREATE TABLE "rate_cards" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "service_id" UUID NOT NULL,
    "effective_from" DATE NOT NULL,
    "effective_to" DATE,
    "currency" CHAR(3) NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rate_cards_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rate_cards_dates" CHECK ("effective_to" IS NULL OR "effective_to" >= "effective_from"),
    CONSTRAINT "rate_cards_currency" CHECK ("currency" ~ '^[A-Z]{3}$')
);

CREATE TABLE "rate_card_rows" (
    "id" BIGSERIAL NOT NULL,
    "rate_card_id" UUID NOT NULL,
    "zone" INTEGER NOT NULL,
    "max_weight_grams" INTEGER NOT NULL,
    "price" INTEGER NOT NULL,
    CONSTRAINT "rate_card_rows_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rate_card_rows_zone" CHECK ("zone" BETWEEN 1 AND 99),
    CONSTRAINT "rate_card_rows_max_weight_positive" CHECK ("max_weight_grams" > 0),
    CONSTRAINT "rate_card_rows_price_not_negative" CHECK ("price" >= 0)
);

CREATE TABLE "carrier_dim_rules" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "carrier_id" UUID NOT NULL,
    "effective_from" DATE NOT NULL,
    "divisor" INTEGER NOT NULL,
    "unit_system" TEXT NOT NULL,
    "weight_rounding" TEXT NOT NULL,
    "dimension_rounding" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "carrier_dim_rules_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "carrier_dim_rules_divisor_positive" CHECK ("divisor" > 0),
    -- Pounds and inches go together, kilograms and centimetres (lib/shipping/rules.ts).
    CONSTRAINT "carrier_dim_rules_units" CHECK (
        ("unit_system" = 'imperial' AND "weight_rounding" IN ('ceil_lb', 'ceil_half_lb') AND "dimension_rounding" IN ('ceil_inch', 'round_inch', 'none'))
        OR ("unit_system" = 'metric' AND "weight_rounding" IN ('ceil_kg', 'ceil_half_kg') AND "dimension_rounding" IN ('ceil_cm', 'none'))
    )
);

-- Zone chart from the shop's warehouse: a destination whose postal code, upper-cased without spaces,
-- starts with a prefix between postal_from and postal_to (same length; '' = the whole country).
CREATE TABLE "shipping_zones" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "country" CHAR(2) NOT NULL,
    "postal_from" TEXT NOT NULL,
    "postal_to" TEXT NOT NULL,
    "zone" INTEGER NOT NULL,
    CONSTRAINT "shipping_zones_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "shipping_zones_country" CHECK ("country" ~ '^[A-Z]{2}$'),
    CONSTRAINT "shipping_zones_prefix_range" CHECK (length("postal_from") = length("postal_to") AND "postal_from" <= "postal_to" AND "postal_from" = upper("postal_from") AND "postal_to" = upper("postal_to")),
    CONSTRAINT "shipping_zones_zone" CHECK ("zone" BETWEEN 1 AND 99)
);

CREATE TABLE "package_types" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "length_mm" INTEGER NOT NULL,
    "width_mm" INTEGER NOT NULL,
    "height_mm" INTEGER NOT NULL,
    "tare_grams" INTEGER NOT NULL,
    "max_weight_grams" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "package_types_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "package_types_dimensions_positive" CHECK ("length_mm" > 0 AND "width_mm" > 0 AND "height_mm" > 0),
    CONSTRAINT "package_types_weights" CHECK ("tare_grams" >= 0 AND "max_weight_grams" > "tare_grams")
);

-- CreateIndex
CREATE UNIQUE INDEX "carriers_code_key" ON "carriers"("code");
CREATE UNIQUE INDEX "carrier_services_carrier_id_code_key" ON "carrier_services"("carrier_id", "code");
CREATE UNIQUE INDEX "rate_cards_service_id_effective_from_key" ON "rate_cards"("service_id", "effective_from");
CREATE UNIQUE INDEX "rate_card_rows_rate_card_id_zone_max_weight_grams_key" ON "rate_card_rows"("rate_card_id", "zone", "max_weight_grams");
CREATE UNIQUE INDEX "carrier_dim_rules_carrier_id_effective_from_key" ON "carrier_dim_rules"("carrier_id", "effective_from");
CREATE INDEX "shipping_zones_country_postal_from_idx" ON "shipping_zones"("country", "postal_from");
CREATE UNIQUE INDEX "package_types_code_key" ON "package_types"("code");

-- AddForeignKey
ALTER TABLE "carrier_services" ADD CONSTRAINT "carrier_services_carrier_id_fkey" FOREIGN KEY ("carrier_id") REFERENCES "carriers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "rate_cards" ADD CONSTRAINT "rate_cards_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "carrier_services"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "rate_card_rows" ADD CONSTRAINT "rate_card_rows_rate_card_id_fkey" FOREIGN KEY ("rate_card_id") REFERENCES "rate_cards"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "carrier_dim_rules" ADD CONSTRAINT "carrier_dim_rules_carrier_id_fkey" FOREIGN KEY ("carrier_id") REFERENCES "carriers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
