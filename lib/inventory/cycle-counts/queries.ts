import 'server-only';
import { sortSpec, type ListSort } from '@/lib/list/sort';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import { db, type Tx } from '@/lib/db';
import { endOfDayIn, startOfDayIn } from '@/lib/dates';
import { shopSettings } from '@/lib/settings/queries';
import { ZCycleCountListQuery, type TCycleCountListQuery } from '@/lib/inventory/cycle-counts/schemas';
import {
  actorCanApproveCounts,
  inventoryAccuracy,
  needsCountApproval,
  type CycleCountStatus,
} from '@/lib/inventory/cycle-counts/rules';
import type { Actor } from '@/lib/auth/actor';
import { isUuid, zInt } from '@/lib/boundary';
import { decodeCursor, nextCursor } from '@/lib/cursor';

export type CycleCountRow = {
  id: string;
  number: number;
  location: string;
  status: CycleCountStatus;
  scope_description: string;
  lines: number;
  lines_counted: number;
  created_by: string;
  created_at: string;
  completed_at: string | null;
  completed_by: string | null;
  /** completed counts only (after the fact, no longer blind): Σ expected, Σ |variance|, accuracy */
  expected: number | null;
  abs_variance: number | null;
  accuracy: number | null;
};

/** Count sheets, newest first; completed_from/to (shop days) filter by completion, for the KPI drill-down. */
/**
 * A count awaiting review (`c` a cycle_counts alias): still counting, and every line of it has been
 * counted, so what is left is a reviewer checking the variances and completing it. The one definition
 * behind the dashboard's "Counts awaiting review" and its drill-down (?stage=awaiting_review).
 */
export function countAwaitingReviewSql(c: Prisma.Sql = Prisma.raw('c')): Prisma.Sql {
  return Prisma.sql`(${c}.status = 'counting'
    AND EXISTS (SELECT 1 FROM cycle_count_lines x WHERE x.cycle_count_id = ${c}.id)
    AND NOT EXISTS (SELECT 1 FROM cycle_count_lines x WHERE x.cycle_count_id = ${c}.id AND x.counted IS NULL))`;
}

/** The cycle counts list's header sort: by number either way (the keyset; the cursor follows). */
export const CYCLE_COUNT_SORT = sortSpec(['count'], { id: 'count', desc: true });

export async function cycleCountList(
  query: TCycleCountListQuery,
  tx: Tx = db,
  sort: ListSort<(typeof CYCLE_COUNT_SORT.columns)[number]> = CYCLE_COUNT_SORT.default,
): Promise<{ data: CycleCountRow[]; next_cursor: string | null }> {
  const q = ZCycleCountListQuery.parse(query);
  const tz = (await shopSettings(tx)).timezone;
  const from = q.completed_from ? startOfDayIn(q.completed_from, tz) : null;
  const to = q.completed_to ? endOfDayIn(q.completed_to, tz) : null;
  const before = q.cursor ? decodeCursor(q.cursor, zInt({ min: 1 })) : null;
  const pastCursor = sort.desc
    ? Prisma.sql`c.number < ${before}::int`
    : Prisma.sql`c.number > ${before}::int`;
  const rows = await tx.$queryRaw<
    (Omit<CycleCountRow, 'accuracy' | 'created_at' | 'completed_at'> & {
      created_at: Date;
      completed_at: Date | null;
    })[]
  >`
    SELECT c.id::text, c.number, l.code AS location, c.status::text AS status, c.scope_description,
      c.created_by, c.created_at, c.completed_at, c.completed_by,
           (SELECT count(*) FROM cycle_count_lines x WHERE x.cycle_count_id = c.id)::int AS lines,
           (SELECT count(*) FROM cycle_count_lines x WHERE x.cycle_count_id = c.id AND x.counted IS
             NOT NULL)::int AS lines_counted,
           CASE WHEN c.status = 'completed' THEN (SELECT coalesce(sum(greatest(x.expected, 0)), 0)
             FROM cycle_count_lines x WHERE x.cycle_count_id = c.id AND x.counted IS NOT NULL)::int
             END AS expected,
           CASE WHEN c.status = 'completed' THEN (SELECT coalesce(sum(abs(x.variance)), 0) FROM
             cycle_count_lines x WHERE x.cycle_count_id = c.id AND x.counted IS NOT NULL)::int END
             AS abs_variance
    FROM cycle_counts c JOIN locations l ON l.id = c.location_id
    WHERE (${q.status ?? null}::text IS NULL OR c.status::text = ${q.status ?? null}::text)
      AND (${from}::timestamptz IS NULL OR c.completed_at >= ${from}::timestamptz)
      AND (${to}::timestamptz IS NULL OR c.completed_at < ${to}::timestamptz)
      AND (${before}::int IS NULL OR ${pastCursor})
      AND ${q.stage === 'awaiting_review' ? countAwaitingReviewSql() : Prisma.sql`true`}
    ORDER BY c.number ${sort.desc ? Prisma.raw('DESC') : Prisma.raw('ASC')} LIMIT ${q.limit + 1}`;
  const page = rows.slice(0, q.limit).map((r) => ({
    ...r,
    created_at: r.created_at.toISOString(),
    completed_at: r.completed_at?.toISOString() ?? null,
    accuracy:
      r.expected === null || r.abs_variance === null ? null : inventoryAccuracy(r.abs_variance, r.expected),
  }));
  return {
    data: page,
    next_cursor: nextCursor(rows, q.limit, (last) => last.number),
  };
}

type Header = {
  id: string;
  number: number;
  status: CycleCountStatus;
  location: string;
  location_name: string;
  scope_description: string;
  note: string | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  completed_by: string | null;
};

async function header(id: string, tx: Tx): Promise<Header | null> {
  if (!isUuid(id)) return null;
  const c = await tx.cycleCount.findUnique({
    where: { id },
    select: {
      id: true,
      number: true,
      status: true,
      scopeDescription: true,
      note: true,
      createdBy: true,
      createdAt: true,
      startedAt: true,
      completedAt: true,
      completedBy: true,
      location: { select: { code: true, name: true } },
    },
  });
  if (!c) return null;
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    location: c.location.code,
    location_name: c.location.name,
    scope_description: c.scopeDescription,
    note: c.note,
    created_by: c.createdBy,
    created_at: c.createdAt.toISOString(),
    started_at: c.startedAt?.toISOString() ?? null,
    completed_at: c.completedAt?.toISOString() ?? null,
    completed_by: c.completedBy,
  };
}

export type CountSheetLine = {
  sku: string;
  name: string;
  barcode: string | null;
  bin_code: string | null;
  counted: number | null;
  counted_at: string | null;
  counted_by: string | null;
};
/** The counter's view: bins and items in walking order, what was counted; never the expected quantity (blind
 * counts). */
export type CountSheet = Header & { lines: CountSheetLine[]; bins: string[] };

export async function countSheet(id: string, tx: Tx = db): Promise<CountSheet | null> {
  const h = await header(id, tx);
  if (!h) return null;
  const lines = await tx.$queryRaw<CountSheetLine[]>`
    SELECT l.sku, p.name || CASE WHEN v.title <> '' THEN ' – ' || v.title ELSE '' END AS name,
      v.barcode, l.bin_code, l.counted,
           to_char(l.counted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS counted_at, l.counted_by
    FROM cycle_count_lines l JOIN variants v ON v.id = l.variant_id JOIN products p ON p.id =
      v.product_id LEFT JOIN bins b ON b.id = l.bin_id
    WHERE l.cycle_count_id = ${h.id}::uuid
    ORDER BY b.pick_sequence NULLS LAST, l.bin_code NULLS LAST, l.sku`;
  const bins = [...new Set(lines.map((l) => l.bin_code).filter((b): b is string => !!b))];
  return { ...h, lines, bins };
}

export type ReviewLine = CountSheetLine & {
  expected_at_start: number | null;
  expected: number | null;
  variance: number | null;
  /** unit cost used for the estimate (average of the cost pool, else the last receipt's), minor units */
  unit_cost: number | null;
  /** change to inventory value: estimated (variance × unit cost) until completed, then as posted */
  value: number;
};
export type CountReview = Header & {
  currency: string;
  lines: ReviewLine[];
  totals: {
    lines: number;
    counted: number;
    not_counted: number;
    with_variance: number;
    expected: number;
    abs_variance: number;
    accuracy: number | null;
    value: number;
    abs_value: number;
  };
  approval_limit: number;
  /** whether this actor may complete it at the estimated value (the check at completion uses the posted value) */
  can_complete: boolean;
};

/** The reviewer's view: expected, counted, variance and value per line, and the totals. */
export async function countReview(id: string, actor: Actor, tx: Tx = db): Promise<CountReview | null> {
  const h = await header(id, tx);
  if (!h) return null;
  const rows = await tx.$queryRaw<(Omit<ReviewLine, 'value'> & { posted_value: number })[]>`
    SELECT l.sku, p.name || CASE WHEN v.title <> '' THEN ' – ' || v.title ELSE '' END AS name,
      v.barcode, l.bin_code, l.counted,
           to_char(l.counted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS counted_at, l.counted_by,
           l.expected_at_start, l.expected, l.variance, l.value AS posted_value,
           CASE WHEN cp.quantity > 0 THEN round(cp.value::numeric / cp.quantity)::int ELSE
             cp.last_unit_cost END AS unit_cost
    FROM cycle_count_lines l JOIN variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id
    LEFT JOIN bins b ON b.id = l.bin_id LEFT JOIN cost_pools cp ON cp.variant_id = l.variant_id
    WHERE l.cycle_count_id = ${h.id}::uuid
    ORDER BY b.pick_sequence NULLS LAST, l.bin_code NULLS LAST, l.sku`;
  const done = h.status === 'completed';
  const lines: ReviewLine[] = rows.map(({ posted_value, ...r }) => ({
    ...r,
    value: done ? posted_value : (r.variance ?? 0) * (r.unit_cost ?? 0),
  }));
  const counted = lines.filter((l) => l.counted !== null && l.expected !== null);
  const expected = counted.reduce((s, l) => s + Math.max(l.expected!, 0), 0);
  const absVariance = counted.reduce((s, l) => s + Math.abs(l.variance!), 0);
  const absValue = lines.reduce((s, l) => s + Math.abs(l.value), 0);
  const { currency, count_approval_limit: limit } = await shopSettings(tx);
  return {
    ...h,
    currency,
    lines,
    totals: {
      lines: lines.length,
      counted: counted.length,
      not_counted: lines.length - counted.length,
      with_variance: counted.filter((l) => l.variance).length,
      expected,
      abs_variance: absVariance,
      accuracy: counted.length ? inventoryAccuracy(absVariance, expected) : null,
      value: lines.reduce((s, l) => s + l.value, 0),
      abs_value: absValue,
    },
    approval_limit: limit,
    can_complete:
      h.status === 'counting' &&
      counted.length > 0 &&
      !needsCountApproval(absValue, actorCanApproveCounts(actor), limit),
  };
}
