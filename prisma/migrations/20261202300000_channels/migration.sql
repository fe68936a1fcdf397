-- Channels (docs/decisions/028-channel-imports.md): order imports from a shop's previous system,
-- recorded as history or taken in live, and per-channel available-to-sell settings.

-- Order imports run as import jobs: the mode is history or live, with the file's format, the channel
-- the orders carry, dry run and valid-orders-only.
ALTER TABLE "import_jobs" DROP CONSTRAINT "import_jobs_mode";
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_mode" CHECK ("mode" IN ('all', 'valid_rows', 'history', 'live'));
ALTER TABLE "import_jobs" ADD COLUMN "format" TEXT;
ALTER TABLE "import_jobs" ADD COLUMN "channel" "sales_channel";
ALTER TABLE "import_jobs" ADD COLUMN "dry_run" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "import_jobs" ADD COLUMN "valid_only" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "import_jobs" ADD COLUMN "total_bytes" BIGINT NOT NULL DEFAULT 0;
-- Who started the import ({ type, id, label }), so the job audits its writes as them.
ALTER TABLE "import_jobs" ADD COLUMN "actor" JSONB;

-- The uploaded file, in pieces of about 1 MiB, so neither the upload nor the job holds it whole;
-- deleted when the import is finished.
CREATE TABLE "import_job_chunks" (
    "job_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" TEXT NOT NULL,
    CONSTRAINT "import_job_chunks_pkey" PRIMARY KEY ("job_id", "seq")
);
ALTER TABLE "import_job_chunks" ADD CONSTRAINT "import_job_chunks_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "import_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An imported order: the import that wrote it and what the source said of it (statuses, dates,
-- refunds, tags, source, risk, discount code, tax lines).
ALTER TABLE "orders" ADD COLUMN "import_job_id" UUID;
ALTER TABLE "orders" ADD COLUMN "source_data" JSONB;
ALTER TABLE "orders" ADD CONSTRAINT "orders_import_job_id_fkey" FOREIGN KEY ("import_job_id") REFERENCES "import_jobs"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "orders_import_job_id_idx" ON "orders"("import_job_id");

-- Available to sell per channel: listed = min(max, floor((available - buffer) * percent / 100)), >= 0.
CREATE TABLE "channel_settings" (
    "channel" "sales_channel" NOT NULL,
    "buffer_units" INTEGER NOT NULL DEFAULT 0,
    "list_percent" INTEGER NOT NULL DEFAULT 100,
    "max_listed" INTEGER,
    "location_ids" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "channel_settings_pkey" PRIMARY KEY ("channel"),
    CONSTRAINT "channel_settings_values" CHECK ("buffer_units" >= 0 AND "list_percent" BETWEEN 0 AND 100 AND ("max_listed" IS NULL OR "max_listed" >= 0))
);
