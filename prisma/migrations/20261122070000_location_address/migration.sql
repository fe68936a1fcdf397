-- A location's postal address: the ship-from printed on labels and packing slips.
ALTER TABLE "locations" ADD COLUMN "address" JSONB;
