-- The service the customer paid for (decision 031): each channel's shipping methods map to a service
-- level; a method with no row counts as standard and is listed in Settings for a manager to map.
CREATE TABLE "shipping_service_levels" (
  "channel" "sales_channel" NOT NULL,
  "method" TEXT NOT NULL,
  "level" TEXT NOT NULL CHECK ("level" IN ('economy', 'standard', 'express', 'overnight')),
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "shipping_service_levels_pkey" PRIMARY KEY ("channel", "method")
);

-- "SwiftPost SwiftPost Economy": service names carried their carrier's name, and every screen and
-- label prints carrier + service. A service is named without its carrier.
UPDATE "carrier_services" s SET "name" = btrim(substr(s."name", length(c."name") + 1))
  FROM "carriers" c
 WHERE c."id" = s."carrier_id" AND s."name" ILIKE c."name" || ' %';
