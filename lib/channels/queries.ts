import 'server-only';
import { db } from '@/lib/db';
import { prismaOrderBy, sortSpec, type ListSort } from '@/lib/list/sort';
import type { ImportRowError, OrderImportReport } from '@/lib/channels/imported-order';

export type OrderImportDto = {
  id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  format: string;
  mode: string;
  channel: string;
  dry_run: boolean;
  valid_only: boolean;
  file_name: string | null;
  phase: 'queued' | 'validating' | 'writing' | 'done';
  /** file rows (without the header) read so far, and in all once validated */
  rows: number;
  /** rows written so far in the writing pass */
  processed: number;
  created: number;
  skipped: number;
  failed: number;
  error_count: number;
  errors: ImportRowError[];
  totals: { orders: number; gross: number };
  currency: string;
  /** 0–100 */
  percent: number;
  rate_rows_per_s: number | null;
  seconds_left: number | null;
  bytes: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
};

const STATUS = { queued: 'queued', running: 'running', done: 'completed', failed: 'failed' } as const;

type Row = {
  id: string;
  status: keyof typeof STATUS;
  format: string | null;
  mode: string;
  channel: string | null;
  dryRun: boolean;
  validOnly: boolean;
  fileName: string | null;
  totalRows: number;
  processedRows: number;
  totalBytes: bigint;
  result: unknown;
  errors: unknown;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

const SELECT = {
  id: true,
  status: true,
  format: true,
  mode: true,
  channel: true,
  dryRun: true,
  validOnly: true,
  fileName: true,
  totalRows: true,
  processedRows: true,
  totalBytes: true,
  result: true,
  errors: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

function toDto(r: Row, currency: string, now = new Date()): OrderImportDto {
  // The job writes this JSON itself (lib/channels/import-orders.ts), so its shape is known.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- result is unknown to tsc
  const report = (r.result ?? null) as Partial<OrderImportReport> | null;
  const phase = r.status === 'queued' ? 'queued' : (report?.phase ?? 'validating');
  const bytes = Number(r.totalBytes);
  // Validation is measured by bytes read, writing by rows written: each is half the bar.
  const validated = bytes ? Math.min(1, (report?.bytes_read ?? 0) / bytes) : 0;
  const written = r.totalRows ? Math.min(1, r.processedRows / r.totalRows) : 0;
  const writes = !r.dryRun && phase !== 'validating';
  const percent =
    r.status === 'done' || r.status === 'failed'
      ? 100
      : r.dryRun
        ? Math.floor(validated * 100)
        : Math.floor(phase === 'validating' ? validated * 50 : 50 + written * 50);
  const elapsed = r.startedAt ? ((r.finishedAt ?? now).getTime() - r.startedAt.getTime()) / 1000 : 0;
  const done = percent / 100;
  const rate =
    elapsed > 0 && report?.rows
      ? (writes ? r.processedRows + (report.rows ?? 0) : report.rows) / elapsed
      : null;
  const secondsLeft =
    r.status === 'running' && done > 0.02 && elapsed > 0 ? Math.round((elapsed * (1 - done)) / done) : null;
  return {
    id: r.id,
    status: STATUS[r.status],
    format: r.format ?? 'shopify',
    mode: r.mode,
    channel: r.channel ?? '',
    dry_run: r.dryRun,
    valid_only: r.validOnly,
    file_name: r.fileName,
    phase,
    rows: report?.rows ?? 0,
    processed: r.processedRows,
    created: report?.created ?? 0,
    skipped: report?.skipped ?? 0,
    failed: report?.failed ?? 0,
    error_count: report?.error_count ?? 0,
    errors: (Array.isArray(r.errors) ? r.errors : []) as ImportRowError[],
    totals: { orders: report?.orders ?? 0, gross: report?.gross ?? 0 },
    currency,
    percent,
    rate_rows_per_s: rate === null ? null : Math.round(rate),
    seconds_left: secondsLeft,
    bytes,
    created_at: r.createdAt.toISOString(),
    started_at: r.startedAt?.toISOString() ?? null,
    finished_at: r.finishedAt?.toISOString() ?? null,
  };
}

async function shopCurrency() {
  const s = await db.shopSettings.findUnique({ where: { id: 1 }, select: { currency: true } });
  return s?.currency.trim() ?? 'USD';
}

/** One order import, or null. */
export async function orderImport(id: string): Promise<OrderImportDto | null> {
  const row = await db.importJob.findFirst({ where: { id, kind: 'order_csv' }, select: SELECT });
  return row ? toDto(row, await shopCurrency()) : null;
}

/** The latest order imports, newest first, without their error lists. */
/** Past imports' header sort: the newest first by default. */
export const ORDER_IMPORT_SORT = sortSpec(['started', 'file', 'mode', 'status'], {
  id: 'started',
  desc: true,
});

export async function orderImports(
  limit = 20,
  sort: ListSort<(typeof ORDER_IMPORT_SORT.columns)[number]> = ORDER_IMPORT_SORT.default,
): Promise<OrderImportDto[]> {
  const rows = await db.importJob.findMany({
    where: { kind: 'order_csv' },
    orderBy: prismaOrderBy(sort, { started: 'createdAt', file: 'fileName', mode: 'mode', status: 'status' }, [
      { createdAt: 'desc' },
      { id: 'desc' },
    ]),
    take: limit,
    select: { ...SELECT, errors: false },
  });
  const currency = await shopCurrency();
  return rows.map((r) => toDto({ ...(r as Omit<Row, 'errors'>), errors: [] }, currency));
}
