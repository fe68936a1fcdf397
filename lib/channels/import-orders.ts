import 'server-only';
import { randomUUID } from 'node:crypto';
import { db, sqlQuery } from '@/lib/db';
import { AppError, toAppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { sequentialUuids } from '@/lib/ids';
import { MINOR_MAX } from '@/lib/boundary';
import { takeOrderBatch } from '@/lib/orders/take-order-batch';
import type { TCreateOrderInput } from '@/lib/orders/schemas';
import { readOrderCsv, taxName, type ReadContext, type ReadGroup } from '@/lib/channels/order-csv';
import { convertMinor, parseRate } from '@/lib/ledger/fx';
import { currencyDigits } from '@/lib/money';
import { todayIn } from '@/lib/dates';
import { guestEmail, historyState } from '@/lib/channels/rules';
import type {
  ImportedOrder,
  ImportFormat,
  ImportMode,
  ImportRowError,
  OrderImportReport,
} from '@/lib/channels/imported-order';

/** Orders per write: one statement (history) or one batch (live) each, with the progress in step. */
export const IMPORT_CHUNK_ORDERS = 500;
/** Errors kept on the job (all are counted). */
export const STORED_ERRORS = 1000;

type JobRow = {
  id: string;
  format: ImportFormat;
  mode: ImportMode;
  channel: string;
  dry_run: boolean;
  valid_only: boolean;
  actor: Actor;
  status: string;
};

/** The uploaded file, one stored piece at a time (bounded memory). */
async function* fileOf(jobId: string): AsyncGenerator<string> {
  for (let seq = 0; ; seq++) {
    const [piece] = await sqlQuery<{ data: string }>(
      `
      SELECT data FROM import_job_chunks WHERE job_id = $1::uuid AND seq = $2`,
      [jobId, seq],
    );
    if (!piece) return;
    yield piece.data;
  }
}

/** The groups of the file, in chunks of IMPORT_CHUNK_ORDERS orders. */
async function* chunksOf(groups: AsyncIterable<ReadGroup>): AsyncGenerator<ReadGroup[]> {
  let chunk: ReadGroup[] = [];
  for await (const g of groups) {
    chunk.push(g);
    if (chunk.length >= IMPORT_CHUNK_ORDERS) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

const SKU_COLUMN: Record<ImportFormat, string> = {
  shopify: 'Lineitem sku',
  woocommerce: 'item_sku',
  backroom: 'sku',
};
const CURRENCY_COLUMN: Record<ImportFormat, string> = {
  shopify: 'Currency',
  woocommerce: 'order_currency',
  backroom: 'currency',
};

type Variant = { id: string; sku: string; name: string; status: string };

/**
 * What the catalog and the orders already say of a chunk: each line's SKU must be in the catalog
 * (history keeps demand per variant; import products first), and an order already imported under
 * the channel + external id is skipped.
 */
async function checkChunk(job: JobRow, orders: ImportedOrder[], context: ReadContext) {
  const skus = [...new Set(orders.flatMap((o) => o.lines.map((l) => l.sku)))];
  const ids = orders.map((o) => o.externalId);
  // An order in another currency is booked at its placed day's rate (that day's or the last before,
  // decision 035): one look-up per currency and day of the chunk.
  const dayOf = (o: ImportedOrder) => todayIn(context.timeZone, o.placedAt);
  const keyOf = (o: ImportedOrder) => `${o.currency} ${dayOf(o)}`;
  const pairs = [...new Set(orders.filter((o) => o.currency !== context.currency).map(keyOf))].map((k) =>
    k.split(' '),
  );
  const [row] = await db.$queryRaw<
    { variants: Variant[]; existing: string[]; rates: { key: string; rate: string | null }[] }[]
  >`
    SELECT (SELECT coalesce(json_agg(json_build_object('id', v.id, 'sku', v.sku, 'status', v.status,
                   'name', p.name || CASE WHEN v.title <> '' THEN ' — ' || v.title ELSE '' END)), '[]')
              FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku = ANY(${skus})) AS variants,
           (SELECT coalesce(array_agg(external_id), '{}') FROM orders
             WHERE channel = ${job.channel}::sales_channel AND external_id = ANY(${ids})) AS existing,
           (SELECT coalesce(json_agg(json_build_object('key', x.c || ' ' || x.d,
                   'rate', (SELECT trim_scale(r.rate)::text FROM fx_rates r WHERE r.currency = x.c
                     AND r.date <= x.d::date
                             ORDER BY r.date DESC LIMIT 1))), '[]')
              FROM unnest(${pairs.map((p) => p[0])}::text[], ${pairs.map((p) => p[1])}::text[]) AS x(c, d)) AS rates`;
  const variants = new Map(row.variants.map((v) => [v.sku, v]));
  const existing = new Set(row.existing);
  const rates = new Map(row.rates.map((r) => [r.key, r.rate]));
  /** The order's rate (null in the shop's currency) and its amounts in the shop's currency. */
  const fxOf = (o: ImportedOrder) => {
    if (o.currency === context.currency) return { rate: null, toBase: (amount: number) => amount };
    const text = rates.get(keyOf(o)) ?? null;
    const rate = text ? parseRate(text) : null;
    const digits = [currencyDigits(o.currency), currencyDigits(context.currency)] as const;
    return {
      rate: text,
      toBase: (amount: number) => (rate ? Number(convertMinor(BigInt(amount), rate, ...digits)) : 0),
    };
  };
  const errorsOf = (o: ImportedOrder): ImportRowError[] => {
    const errors: ImportRowError[] = [];
    if (o.currency !== context.currency && !rates.get(keyOf(o)))
      errors.push({
        row: o.row,
        column: CURRENCY_COLUMN[job.format],
        message:
          `No ${o.currency} rate on or before ${dayOf(o)}; enter one in Ledger → Exchange ` +
          `rates, then import again`,
      });
    for (const l of o.lines)
      if (!variants.has(l.sku))
        errors.push({
          row: l.row,
          column: SKU_COLUMN[job.format],
          message: `SKU ${l.sku.slice(0, 64)} is not in the catalog; import or create the product first`,
        });
    const subtotal = o.lines.reduce((s, l) => s + BigInt(l.quantity) * BigInt(l.unitPrice), 0n);
    if (subtotal > BigInt(MINOR_MAX))
      errors.push({
        row: o.row,
        column: 'total',
        message: `The order's lines add up past ${MINOR_MAX} minor units`,
      });
    return errors;
  };
  return { variants, existing, errorsOf, fxOf };
}

async function saveProgress(
  jobId: string,
  report: OrderImportReport,
  extra: { totalRows?: number; processedRows?: number } = {},
) {
  await db.importJob.update({
    where: { id: jobId },
    data: {
      result: report,
      ...(extra.totalRows !== undefined ? { totalRows: extra.totalRows } : {}),
      ...(extra.processedRows !== undefined ? { processedRows: extra.processedRows } : {}),
    },
    select: { id: true },
  });
}

/**
 * Runs an order import job (lib/channels/start-order-import.ts stored the file): reads the file
 * twice, streaming. The first pass checks every row (format, money, dates, currency, SKUs in the
 * catalog) and counts what would be created and skipped; a dry run stops there, and so does a file
 * with errors unless valid_only. The second pass writes IMPORT_CHUNK_ORDERS orders at a time:
 * history in one statement per chunk (recordHistoryChunk), live through the batch intake
 * (takeOrderBatch, the same path as POST /api/v1/orders/batch). Each order is all or nothing;
 * running the job again (after a restart) skips the orders already written, so it resumes.
 */
export async function runOrderImport(jobId: string): Promise<void> {
  const [job] = await db.$queryRaw<JobRow[]>`
    SELECT id::text, format, mode, channel::text, dry_run, valid_only, actor, status::text FROM
      import_jobs WHERE id = ${jobId}::uuid`;
  if (!job || job.status === 'done' || job.status === 'failed') return;
  const started = new Date();
  await db.importJob.update({
    where: { id: jobId },
    data: { status: 'running', startedAt: started, processedRows: 0, totalRows: 0 },
    select: { id: true },
  });
  const errors: ImportRowError[] = [];
  const report: OrderImportReport = {
    phase: 'validating',
    dry_run: job.dry_run,
    rows: 0,
    bytes_read: 0,
    orders: 0,
    gross: 0,
    created: 0,
    skipped: 0,
    failed: 0,
    error_count: 0,
    written: 0,
  };
  const addErrors = (list: ImportRowError[]) => {
    report.error_count += list.length;
    for (const e of list) if (errors.length < STORED_ERRORS) errors.push(e);
  };
  try {
    const [settings] = await db.$queryRaw<{ currency: string; timezone: string }[]>`
      SELECT currency, timezone FROM shop_settings WHERE id = 1`;
    if (!settings)
      throw new AppError('INVALID_STATE', 'Set up the shop in Settings before importing orders.');
    const context = { currency: settings.currency.trim(), timeZone: settings.timezone };
    const counting = async function* (): AsyncGenerator<string> {
      for await (const piece of fileOf(jobId)) {
        report.bytes_read += Buffer.byteLength(piece);
        yield piece;
      }
    };

    // Pass 1: validate everything, count.
    for await (const chunk of chunksOf(readOrderCsv(counting(), job.format, context))) {
      const readable = chunk.filter((g) => g.order).map((g) => g.order!);
      const check = await checkChunk(job, readable, context);
      for (const g of chunk) {
        report.rows += g.rows;
        const found = [...g.errors, ...(g.order ? check.errorsOf(g.order) : [])];
        if (found.length) {
          report.failed += 1;
          addErrors(found);
        } else if (check.existing.has(g.order!.externalId)) report.skipped += 1;
        else {
          report.orders += 1;
          report.gross += check.fxOf(g.order!).toBase(g.order!.total);
        }
      }
      await saveProgress(jobId, report);
    }
    report.created = report.orders;
    const blocked = report.error_count > 0 && !job.valid_only;
    if (job.dry_run || blocked) {
      report.phase = 'done';
      if (blocked) report.created = 0;
      await finish(jobId, blocked ? 'failed' : 'done', report, errors);
      return;
    }

    // Pass 2: write.
    report.phase = 'writing';
    report.created = 0;
    report.skipped = 0;
    report.failed = report.failed; // the orders with errors stay failed
    const toWrite = report.orders;
    let processedRows = 0;
    await saveProgress(jobId, report, { totalRows: report.rows, processedRows: 0 });
    for await (const chunk of chunksOf(readOrderCsv(fileOf(jobId), job.format, context))) {
      const readable = chunk.filter((g) => g.order).map((g) => g.order!);
      const check = await checkChunk(job, readable, context);
      const valid = readable.filter((o) => check.errorsOf(o).length === 0);
      const fresh = valid.filter((o) => !check.existing.has(o.externalId));
      report.skipped += valid.length - fresh.length;
      if (fresh.length) {
        if (job.mode === 'history') {
          report.created += await recordHistoryChunk(job, fresh, check, context.timeZone);
        } else {
          const outcome = await takeLiveChunk(job, fresh);
          report.created += outcome.created;
          report.skipped += outcome.skipped;
          report.failed += outcome.failed.length;
          addErrors(outcome.failed);
        }
      }
      report.written += valid.length;
      processedRows += chunk.reduce((s, g) => s + g.rows, 0);
      await saveProgress(jobId, report, { processedRows: Math.min(processedRows, report.rows) });
    }
    // After a resume the orders this job wrote before the restart were counted as skipped: count them as created.
    const [mine] = await db.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM orders WHERE import_job_id = ${jobId}::uuid`;
    report.skipped -= Math.max(0, mine.n - report.created);
    report.created = mine.n;
    report.skipped = Math.max(0, Math.min(report.skipped, toWrite + report.skipped));
    report.phase = 'done';
    await finish(jobId, 'done', report, errors);
  } catch (error) {
    const e = toAppError(error);
    if (e.code === 'INTERNAL') console.error(`[import] order import ${jobId} failed`, error);
    throw error;
  }
}

/** Records the job's end; the stored file is no longer needed. */
async function finish(
  jobId: string,
  status: 'done' | 'failed',
  report: OrderImportReport,
  errors: ImportRowError[],
) {
  await db.$transaction([
    db.importJob.update({
      where: { id: jobId },
      data: {
        status,
        finishedAt: new Date(),
        result: report,
        errors,
        processedRows:
          report.phase === 'done' && status === 'done' && !report.dry_run ? report.rows : undefined,
        totalRows: report.rows,
      },
      select: { id: true },
    }),
    db.importJobChunk.deleteMany({ where: { jobId } }),
  ]);
}

/** Marks a job failed with a reason (the job's last attempt, or a file that cannot be read). */
export async function failOrderImport(jobId: string, message: string) {
  await db.$transaction([
    db.importJob.updateMany({
      where: { id: jobId, status: { in: ['queued', 'running'] } },
      data: {
        status: 'failed',
        finishedAt: new Date(),
        errors: [
          {
            row: 0,
            column: '(import)',
            message:
              `${message} Orders written before this stay imported; import the file again to ` +
              `finish (those are skipped).`,
          },
        ],
      },
    }),
    db.importJobChunk.deleteMany({ where: { jobId } }),
  ]);
}

/**
 * History: the chunk's orders as they were at the source, in one statement (all or nothing):
 * customers (upserted by email; the channel's guest without one), orders with their source state
 * (historyState), lines, payments and refunds as payment rows, an audit row per order, and the KPI
 * facts of each order (the same facts a rebuild computes from orders, so the rollups stay equal to
 * the source). No stock moves, no reservation, no journal entry, no fulfillment work.
 * Returns how many orders it wrote (an order imported meanwhile is skipped by the unique key).
 */
async function recordHistoryChunk(
  job: JobRow,
  orders: ImportedOrder[],
  check: Awaited<ReturnType<typeof checkChunk>>,
  timeZone: string,
): Promise<number> {
  const { variants } = check;
  const rows = orders.map((o) => {
    const state = historyState(o, job.format);
    const fx = check.fxOf(o);
    const email = o.email ?? guestEmail(job.channel);
    const [first, ...rest] = (o.email ? o.customerName : 'Guest').split(/\s+/);
    const lineIds = sequentialUuids(o.lines.length);
    const subtotal = o.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
    const captured = ['paid', 'partially_refunded', 'refunded'].includes(o.financialStatus) ? o.total : 0;
    const payments = [];
    if (captured > 0)
      payments.push({
        id: randomUUID(),
        method: o.paymentMethod ?? 'imported',
        status: 'captured',
        amount: captured,
        created_at: (o.paidAt ?? o.placedAt).toISOString(),
      });
    else if (o.financialStatus === 'authorized' && o.total > 0)
      payments.push({
        id: randomUUID(),
        method: o.paymentMethod ?? 'imported',
        status: 'authorized',
        amount: o.total,
        created_at: o.placedAt.toISOString(),
      });
    if (o.refunded > 0)
      payments.push({
        id: randomUUID(),
        method: o.paymentMethod ?? 'imported',
        status: 'refunded',
        amount: o.refunded,
        created_at: (o.cancelledAt ?? o.paidAt ?? o.placedAt).toISOString(),
      });
    const fallbackAddress = { name: o.customerName, line1: '', city: '', postal_code: '', country: '' };
    return {
      id: randomUUID(),
      external_id: o.externalId,
      status: state.status,
      payment_status: state.paymentStatus,
      email,
      first_name: first || 'Guest',
      last_name: rest.join(' '),
      phone: o.phone,
      currency: o.currency,
      subtotal,
      discount: Math.min(o.discount, subtotal),
      shipping: o.shipping,
      tax: o.tax,
      total: o.total,
      fx_rate: fx.rate,
      base_total: fx.rate ? fx.toBase(o.total) : null,
      base_subtotal: fx.toBase(subtotal),
      shipping_address: o.shippingAddress ?? o.billing ?? fallbackAddress,
      billing_address: o.billing,
      shipping_method: o.shippingMethod,
      placed_at: o.placedAt.toISOString(),
      hold_reason: state.holdReason,
      amount_paid: state.amountPaid,
      cancelled_at: o.cancelledAt?.toISOString() ?? null,
      cancel_reason: o.cancelledAt ? `Cancelled at ${job.format} (imported history)` : null,
      note: o.note,
      source_data: {
        format: job.format,
        name: o.name,
        financial_status: o.financialStatus,
        fulfillment_status: o.fulfillmentStatus,
        paid_at: o.paidAt,
        fulfilled_at: o.fulfilledAt,
        cancelled_at: o.cancelledAt,
        refunded: o.refunded,
        subtotal_in_file: o.subtotal,
        discount_code: o.discountCode,
        taxes: o.taxes,
        tags: o.tags,
        source: o.source,
        risk_level: o.riskLevel,
        payment_method: o.paymentMethod,
      },
      lines: o.lines.map((l, i) => {
        const v = variants.get(l.sku)!;
        return {
          id: lineIds[i],
          variant_id: v.id,
          sku: l.sku,
          name: l.name || v.name,
          quantity: l.quantity,
          unit_price: l.unitPrice,
          discount_amount: Math.min(l.discount, l.quantity * l.unitPrice),
          quantity_fulfilled: state.fulfilled ? l.quantity : 0,
          quantity_cancelled: state.status === 'cancelled' ? l.quantity : 0,
        };
      }),
      payments,
    };
  });
  const actor = job.actor;
  const [result] = await sqlQuery<{ created: number }>(
    `
    WITH input AS (SELECT e.o FROM jsonb_array_elements($1::jsonb) AS e(o)),
    cust AS (
      INSERT INTO customers (email, first_name, last_name, phone)
      SELECT DISTINCT ON (o->>'email') o->>'email', o->>'first_name', o->>'last_name', o->>'phone'
        FROM input ORDER BY o->>'email'
      ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email
      RETURNING id, email),
    ins AS (
      INSERT INTO orders (id, channel, external_id, status, payment_status, customer_id, email, currency, subtotal,
                          discount_amount, shipping_amount, tax_amount, total, shipping_address, billing_address,
                          shipping_method, placed_at, hold_reason, amount_paid, cancelled_at, cancel_reason, note,
                          import_job_id, source_data, fx_rate, base_total)
      SELECT (o->>'id')::uuid, $2::sales_channel, o->>'external_id', (o->>'status')::order_status,
             (o->>'payment_status')::payment_status, c.id, o->>'email', o->>'currency', (o->>'subtotal')::int,
             (o->>'discount')::int, (o->>'shipping')::int, (o->>'tax')::int, (o->>'total')::int, o->'shipping_address',
             nullif(o->'billing_address', 'null'::jsonb), o->>'shipping_method',
               (o->>'placed_at')::timestamptz, o->>'hold_reason',
             (o->>'amount_paid')::int, (o->>'cancelled_at')::timestamptz, o->>'cancel_reason', o->>'note',
             $3::uuid, o->'source_data', (o->>'fx_rate')::numeric, (o->>'base_total')::int
      FROM input JOIN cust c ON c.email = o->>'email'
      ON CONFLICT (channel, external_id) DO NOTHING
      RETURNING id, placed_at, channel, status, subtotal),
    lines AS (
      INSERT INTO order_lines (id, order_id, variant_id, sku, name, quantity, unit_price,
        discount_amount, quantity_fulfilled, quantity_cancelled)
      SELECT (l->>'id')::uuid, ins.id, (l->>'variant_id')::uuid, l->>'sku', l->>'name', (l->>'quantity')::int,
             (l->>'unit_price')::int, (l->>'discount_amount')::int, (l->>'quantity_fulfilled')::int,
               (l->>'quantity_cancelled')::int
      FROM input JOIN ins ON ins.id = (o->>'id')::uuid CROSS JOIN LATERAL jsonb_array_elements(o->'lines') AS x(l)
      RETURNING 1),
    pays AS (
      INSERT INTO payments (id, order_id, method, status, amount, currency, created_at)
      SELECT (p->>'id')::uuid, ins.id, p->>'method', p->>'status', (p->>'amount')::int,
        o->>'currency', (p->>'created_at')::timestamptz
      FROM input JOIN ins ON ins.id = (o->>'id')::uuid CROSS JOIN LATERAL jsonb_array_elements(o->'payments') AS x(p)
      RETURNING 1),
    audited AS (
      INSERT INTO audit_log (actor_type, actor_id, actor_label, action, entity_type, entity_id, after)
      SELECT $4, $5, $6, 'order.imported', 'order', ins.id::text,
             jsonb_build_object('import_job_id', $3::text, 'mode', 'history', 'status', ins.status)
      FROM ins RETURNING 1),
    facts AS (
      INSERT INTO kpi_fact_deltas (day, channel, metric, value)
      SELECT (ins.placed_at AT TIME ZONE $7)::date, ins.channel::text, m.metric, m.value
      FROM ins JOIN input ON (o->>'id')::uuid = ins.id CROSS JOIN LATERAL (VALUES
        ('orders_placed', 1::bigint), ('gross_sales', (o->>'base_subtotal')::bigint),
        ('orders_cancelled', (ins.status = 'cancelled')::int::bigint),
        ('orders_shipped_complete', (ins.status IN ('fulfilled', 'delivered'))::int::bigint)
      ) AS m(metric, value) WHERE m.value <> 0
      RETURNING 1)
    SELECT (SELECT count(*) FROM ins)::int AS created, (SELECT count(*) FROM lines)::int AS l,
           (SELECT count(*) FROM pays)::int AS p, (SELECT count(*) FROM audited)::int AS a, (SELECT
             count(*) FROM facts)::int AS f`,
    [JSON.stringify(rows), job.channel, job.id, actor.type, actor.id, actor.label, timeZone],
  );
  return result.created;
}

/**
 * An imported order's tax lines (decision 042): the file's jurisdiction and rate; its taxable amount,
 * or — not given — tax ÷ rate (rounded, at most the order's net) when the rate is known, else the net.
 */
export function importedTaxLines(o: ImportedOrder, net: number): NonNullable<TCreateOrderInput['tax_lines']> {
  const cap = BigInt(Math.max(net, 0));
  return o.taxes.map((t) => {
    // tax ÷ rate in bigint, half up: rate = n / 10^digits, so taxable = tax × 10^digits / n.
    const [whole, fraction = ''] = (t.rate ?? '0').split('.');
    const n = BigInt(whole + fraction);
    const scale = 10n ** BigInt(fraction.length);
    const derived = n > 0n ? (2n * BigInt(t.amount) * scale + n) / (2n * n) : cap;
    const taxable = t.taxable ?? Number(derived < cap ? derived : cap);
    // Shopify's "GB VAT 20%": the jurisdiction is the name without its percentage.
    const jurisdiction = (t.rate ? taxName(t.name).name : t.name).slice(0, 100);
    return { jurisdiction, rate: t.rate ?? null, taxable, tax: t.amount };
  });
}

/** An imported order as the single-order intake takes it (POST /api/v1/orders). */
export function intakeInput(o: ImportedOrder, channel: string): TCreateOrderInput {
  const subtotal = o.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
  const discount = Math.min(o.discount, subtotal);
  const total = subtotal - discount + o.shipping + o.tax;
  const paid = ['paid', 'partially_refunded'].includes(o.financialStatus);
  const authorized = o.financialStatus === 'authorized';
  return {
    channel: channel as TCreateOrderInput['channel'],
    external_id: o.externalId,
    currency: o.currency,
    customer: {
      email: o.email ?? guestEmail(channel),
      name: o.customerName || 'Guest',
      ...(o.phone ? { phone: o.phone } : {}),
    },
    shipping_address: (o.shippingAddress ?? o.billing ?? undefined) as TCreateOrderInput['shipping_address'],
    ...(o.billing ? { billing_address: o.billing } : {}),
    ...(o.shippingMethod ? { shipping_method: o.shippingMethod } : {}),
    lines: o.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unit_price: l.unitPrice })),
    shipping_amount: o.shipping,
    tax_amount: o.tax,
    // The file's tax lines when they add up to its tax (a file naming only some keeps the one amount).
    ...(o.taxes.length && o.taxes.reduce((sum, t) => sum + t.amount, 0) === o.tax
      ? { tax_lines: importedTaxLines(o, subtotal - discount + o.shipping) }
      : {}),
    discount_amount: discount,
    ...((paid || authorized) && total > 0
      ? {
          payment: {
            method: (o.paymentMethod ?? 'imported').slice(0, 40),
            amount: total,
            status: paid ? 'captured' : 'authorized',
          },
        }
      : {}),
    ...(o.note ? { note: o.note.slice(0, 2000) } : {}),
    placed_at: o.placedAt.toISOString(),
  };
}

/**
 * Live: the chunk through the batch intake (reservation, fraud score, ledger), then each created
 * order is tagged with the import and its source data. Refusals (out of stock, a field the intake
 * refuses) are errors at the order's row.
 */
async function takeLiveChunk(job: JobRow, orders: ImportedOrder[]) {
  const results = await takeOrderBatch({
    orders: orders.map((o) => intakeInput(o, job.channel)),
    actor: job.actor,
  });
  let created = 0;
  let skipped = 0;
  const failed: ImportRowError[] = [];
  const tags: { id: string; source: unknown }[] = [];
  results.forEach((r, i) => {
    const o = orders[i];
    if (r.status === 201) {
      created += 1;
      tags.push({
        id: r.id!,
        source: {
          format: job.format,
          name: o.name,
          financial_status: o.financialStatus,
          fulfillment_status: o.fulfillmentStatus,
          tags: o.tags,
          source: o.source,
          risk_level: o.riskLevel,
          discount_code: o.discountCode,
        },
      });
    } else if (r.error?.code === 'DUPLICATE_ORDER') skipped += 1;
    else {
      const details = Array.isArray(r.error?.details)
        ? (r.error.details as { field?: string; message?: string; sku?: string }[])
        : [];
      const fields = details.filter((d) => d.field);
      failed.push({
        row: o.row,
        column: fields.length
          ? fields.map((f) => f.field).join(', ')
          : r.error?.code === 'OUT_OF_STOCK'
            ? SKU_COLUMN[job.format]
            : '(order)',
        message: (
          (r.error?.message ?? 'Refused') +
          (fields.length ? `: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}` : '')
        ).slice(0, 500),
      });
    }
  });
  if (tags.length)
    await db.$executeRaw`
      UPDATE orders o SET import_job_id = ${job.id}::uuid, source_data = t.source
      FROM jsonb_to_recordset(${JSON.stringify(tags)}::jsonb) AS t(id uuid, source jsonb) WHERE o.id = t.id`;
  return { created, skipped, failed };
}
