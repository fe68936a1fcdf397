-- International parcels (issue 15 item 13, decision 040): customs data on variants, the shop's duties
-- terms and CN22 value limit, and the customs form and duties terms a shipment's label was bought with.
ALTER TABLE "variants"
  ADD COLUMN "hs_code" TEXT,
  ADD COLUMN "country_of_origin" CHAR(2),
  ADD CONSTRAINT "variants_hs_code_digits" CHECK ("hs_code" ~ '^[0-9]{6,10}$'),
  ADD CONSTRAINT "variants_country_of_origin_code" CHECK ("country_of_origin" ~ '^[A-Z]{2}$');

ALTER TABLE "shop_settings"
  ADD COLUMN "duties_terms" TEXT NOT NULL DEFAULT 'DDU',
  ADD COLUMN "customs_cn22_limit" INTEGER NOT NULL DEFAULT 40000,
  ADD CONSTRAINT "shop_settings_duties_terms" CHECK ("duties_terms" IN ('DDU', 'DDP')),
  ADD CONSTRAINT "shop_settings_customs_cn22_limit" CHECK ("customs_cn22_limit" > 0);

ALTER TABLE "shipments"
  ADD COLUMN "customs_form" TEXT,
  ADD COLUMN "duties_terms" TEXT,
  ADD CONSTRAINT "shipments_customs_form" CHECK ("customs_form" IN ('CN22', 'CN23')),
  ADD CONSTRAINT "shipments_duties_terms" CHECK ("duties_terms" IN ('DDU', 'DDP'));
