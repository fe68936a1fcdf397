-- Tickets, returns and refunds were built side by side; now that both tables exist, their links are
-- real foreign keys. Deleting a ticket (never done by the app) would only unlink, never delete money records.
-- Rows written before this migration may name a ticket that does not exist; unlink those first.
UPDATE "returns" SET "ticket_id" = NULL WHERE "ticket_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "tickets" t WHERE t."id" = "returns"."ticket_id");
UPDATE "refunds" SET "ticket_id" = NULL WHERE "ticket_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "tickets" t WHERE t."id" = "refunds"."ticket_id");
UPDATE "tickets" SET "return_id" = NULL WHERE "return_id" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "returns" r WHERE r."id" = "tickets"."return_id");

ALTER TABLE "returns" ADD CONSTRAINT "returns_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_return_id_fkey" FOREIGN KEY ("return_id") REFERENCES "returns"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "tickets_return_id_idx" ON "tickets"("return_id");
