import { z } from 'zod';
import { zBoolParam, zCursor } from '@/lib/boundary';
import { CHANNELS } from '@/lib/orders/schemas';
import { IMPORT_FORMATS, IMPORT_MODES } from '@/lib/channels/imported-order';

export const ZOrderImportQuery = z.object({
  format: z.enum(IMPORT_FORMATS, { error: `Use one of: ${IMPORT_FORMATS.join(', ')}` }),
  mode: z.enum(IMPORT_MODES, { error: `Use one of: ${IMPORT_MODES.join(', ')}` }),
  /** the channel the orders carry; default the format's (shopify, woocommerce; backroom: manual) */
  channel: z.enum(CHANNELS, { error: `Use one of: ${CHANNELS.join(', ')}` }).optional(),
  dry_run: zBoolParam().default(false),
  valid_only: zBoolParam().default(false),
  file_name: z.string().trim().max(200).optional(),
});
export type TOrderImportQuery = z.infer<typeof ZOrderImportQuery>;

const ZRowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });

export const ZOrderImportStarted = z.object({ id: z.uuid(), status: z.literal('queued') });

export const ZOrderImport = z.object({
  id: z.uuid(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  format: z.string(),
  mode: z.string(),
  channel: z.string(),
  dry_run: z.boolean(),
  valid_only: z.boolean(),
  file_name: z.string().nullable(),
  phase: z.enum(['queued', 'validating', 'writing', 'done']),
  rows: z.number().int().describe('file rows read (without the header)'),
  processed: z.number().int().describe('rows written so far'),
  created: z.number().int().describe('orders created (a dry run: that would be created)'),
  skipped: z.number().int().describe('orders already imported (same channel + external id)'),
  failed: z.number().int().describe('orders with errors or refused at intake'),
  error_count: z.number().int(),
  errors: z.array(ZRowError).describe('the first 1,000 errors, by file row (the header is row 1) and column'),
  totals: z.object({ orders: z.number().int(), gross: z.number().int().describe('minor units') }),
  currency: z.string(),
  percent: z.number().int(),
  rate_rows_per_s: z.number().int().nullable(),
  seconds_left: z.number().int().nullable(),
  bytes: z.number().int(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});

export const ZChannelSettingsInput = z.object({
  buffer_units: z
    .number({ error: 'Enter a whole number' })
    .int('Use a whole number')
    .min(0)
    .max(1_000_000)
    .default(0),
  list_percent: z.number({ error: 'Enter a percent' }).int('Use a whole number').min(0).max(100).default(100),
  max_listed: z.number().int('Use a whole number').min(0).max(1_000_000).nullable().default(null),
  /** location codes that feed the channel; empty: every active location */
  locations: z.array(z.string().trim().min(1).max(20)).max(50).default([]),
});
export type TChannelSettingsInput = z.input<typeof ZChannelSettingsInput>;

export const ZChannelSettings = z.object({
  channel: z.string(),
  buffer_units: z.number().int(),
  list_percent: z.number().int(),
  max_listed: z.number().int().nullable(),
  locations: z.array(z.string()),
});

export const ZAvailabilityQuery = z.object({
  sku: z.string().trim().min(1).max(64).optional(),
  cursor: zCursor().optional(),
});

export const ZAvailability = z.object({
  data: z.array(z.object({ sku: z.string(), available: z.number().int(), listed: z.number().int() })),
  next_cursor: z.string().nullable(),
});
