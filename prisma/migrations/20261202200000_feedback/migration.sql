-- Customer feedback (issue 18, docs/decisions/027-customer-feedback.md): a survey per delivered order
-- and per solved ticket (one each, by unique constraint), the answers with per-item ratings and theme
-- tags, the themes, the shop's feedback settings, and the customer's unsubscribe from surveys.
CREATE TYPE "feedback_kind" AS ENUM ('order', 'ticket');
CREATE TYPE "feedback_survey_status" AS ENUM ('scheduled', 'sent', 'answered', 'skipped');

ALTER TABLE "customers" ADD COLUMN "feedback_unsubscribed_at" TIMESTAMPTZ(3);

CREATE TABLE "feedback_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "delivery_delay_days" JSONB NOT NULL,
    "ticket_surveys" BOOLEAN NOT NULL DEFAULT true,
    "reopen_on_bad_rating" BOOLEAN NOT NULL DEFAULT false,
    "daily_send_limit" INTEGER NOT NULL DEFAULT 200,
    "link_valid_days" INTEGER NOT NULL DEFAULT 30,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "feedback_settings_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "feedback_settings_one_row" CHECK ("id" = 1),
    CONSTRAINT "feedback_settings_limits" CHECK ("daily_send_limit" >= 0 AND "link_valid_days" BETWEEN 1 AND 365)
);
-- Marketplaces ask their own reviews (and some forbid asking): no survey there by default.
INSERT INTO "feedback_settings" ("id", "delivery_delay_days")
VALUES (1, '{"web": 3, "shopify": 3, "woocommerce": 3, "manual": 3, "etsy": 5, "ebay": null, "amazon": null}');

CREATE TABLE "feedback_surveys" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "feedback_kind" NOT NULL,
    "order_id" UUID,
    "ticket_id" UUID,
    "customer_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "status" "feedback_survey_status" NOT NULL DEFAULT 'scheduled',
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "skip_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "feedback_surveys_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "feedback_surveys_subject" CHECK (
      ("kind" = 'order' AND "order_id" IS NOT NULL AND "ticket_id" IS NULL) OR
      ("kind" = 'ticket' AND "ticket_id" IS NOT NULL AND "order_id" IS NULL)),
    CONSTRAINT "feedback_surveys_sent" CHECK (("status" IN ('sent', 'answered')) = ("sent_at" IS NOT NULL AND "expires_at" IS NOT NULL))
);
-- One survey per order and per ticket, whatever races: the second insert does nothing.
CREATE UNIQUE INDEX "feedback_surveys_order_id_key" ON "feedback_surveys"("order_id");
CREATE UNIQUE INDEX "feedback_surveys_ticket_id_key" ON "feedback_surveys"("ticket_id");
CREATE INDEX "feedback_surveys_status_due_at_idx" ON "feedback_surveys"("status", "due_at");
CREATE INDEX "feedback_surveys_sent_at_idx" ON "feedback_surveys"("sent_at");
CREATE INDEX "feedback_surveys_customer_id_idx" ON "feedback_surveys"("customer_id");
ALTER TABLE "feedback_surveys" ADD CONSTRAINT "feedback_surveys_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "feedback_surveys" ADD CONSTRAINT "feedback_surveys_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "feedback_surveys" ADD CONSTRAINT "feedback_surveys_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "feedback_answers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "feedback_kind" NOT NULL,
    "survey_id" UUID,
    "order_id" UUID,
    "ticket_id" UUID,
    "customer_id" UUID,
    "channel" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT,
    "source" TEXT NOT NULL,
    "import_key" TEXT,
    "reply_ticket_id" UUID,
    "answered_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "feedback_answers_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "feedback_answers_rating" CHECK (
      ("kind" = 'order' AND "order_id" IS NOT NULL AND "rating" BETWEEN 1 AND 5) OR
      ("kind" = 'ticket' AND "ticket_id" IS NOT NULL AND "rating" IN (0, 1))),
    CONSTRAINT "feedback_answers_comment" CHECK ("comment" IS NULL OR char_length("comment") <= 2000),
    CONSTRAINT "feedback_answers_source" CHECK ("source" IN ('survey', 'import'))
);
CREATE UNIQUE INDEX "feedback_answers_survey_id_key" ON "feedback_answers"("survey_id");
CREATE UNIQUE INDEX "feedback_answers_import_key_key" ON "feedback_answers"("import_key");
CREATE INDEX "feedback_answers_answered_at_idx" ON "feedback_answers"("answered_at");
CREATE INDEX "feedback_answers_order_id_idx" ON "feedback_answers"("order_id");
CREATE INDEX "feedback_answers_ticket_id_idx" ON "feedback_answers"("ticket_id");
CREATE INDEX "feedback_answers_customer_id_idx" ON "feedback_answers"("customer_id");
ALTER TABLE "feedback_answers" ADD CONSTRAINT "feedback_answers_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "feedback_surveys"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "feedback_answers" ADD CONSTRAINT "feedback_answers_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "feedback_answers" ADD CONSTRAINT "feedback_answers_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "feedback_answers" ADD CONSTRAINT "feedback_answers_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "feedback_answers" ADD CONSTRAINT "feedback_answers_reply_ticket_id_fkey" FOREIGN KEY ("reply_ticket_id") REFERENCES "tickets"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "feedback_answer_items" (
    "answer_id" UUID NOT NULL,
    "order_line_id" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "rating" INTEGER NOT NULL,
    CONSTRAINT "feedback_answer_items_pkey" PRIMARY KEY ("answer_id", "order_line_id"),
    CONSTRAINT "feedback_answer_items_rating" CHECK ("rating" BETWEEN 1 AND 5)
);
CREATE INDEX "feedback_answer_items_sku_idx" ON "feedback_answer_items"("sku");
ALTER TABLE "feedback_answer_items" ADD CONSTRAINT "feedback_answer_items_answer_id_fkey" FOREIGN KEY ("answer_id") REFERENCES "feedback_answers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "feedback_answer_items" ADD CONSTRAINT "feedback_answer_items_order_line_id_fkey" FOREIGN KEY ("order_line_id") REFERENCES "order_lines"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "feedback_themes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "keywords" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "feedback_themes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "feedback_themes_slug" CHECK ("slug" ~ '^[a-z0-9][a-z0-9_]{0,39}$')
);
CREATE UNIQUE INDEX "feedback_themes_slug_key" ON "feedback_themes"("slug");
INSERT INTO "feedback_themes" ("slug", "label", "keywords") VALUES
  ('product_quality', 'Product quality', ARRAY['quality', 'broke', 'broken', 'cheap', 'faded', 'ripped', 'torn', 'defect', 'stitching', 'flimsy']),
  ('sizing', 'Sizing', ARRAY['size', 'fit', 'small', 'large', 'tight', 'loose', 'big', 'short', 'long']),
  ('delivery', 'Delivery', ARRAY['late', 'delivery', 'courier', 'arrived', 'shipping', 'lost', 'slow', 'days']),
  ('packaging', 'Packaging', ARRAY['box', 'packaging', 'package', 'crushed', 'wrapped', 'plastic']),
  ('support', 'Support', ARRAY['support', 'reply', 'answer', 'helpful', 'rude', 'agent', 'waited']),
  ('price', 'Price', ARRAY['price', 'expensive', 'value', 'cost', 'cheaper', 'overpriced']);

CREATE TABLE "feedback_answer_themes" (
    "answer_id" UUID NOT NULL,
    "theme_id" UUID NOT NULL,
    CONSTRAINT "feedback_answer_themes_pkey" PRIMARY KEY ("answer_id", "theme_id")
);
CREATE INDEX "feedback_answer_themes_theme_id_idx" ON "feedback_answer_themes"("theme_id");
ALTER TABLE "feedback_answer_themes" ADD CONSTRAINT "feedback_answer_themes_answer_id_fkey" FOREIGN KEY ("answer_id") REFERENCES "feedback_answers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "feedback_answer_themes" ADD CONSTRAINT "feedback_answer_themes_theme_id_fkey" FOREIGN KEY ("theme_id") REFERENCES "feedback_themes"("id") ON DELETE CASCADE ON UPDATE CASCADE;
