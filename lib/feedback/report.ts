import 'server-only';
import { db, type Tx } from '@/lib/db';
import { endOfDayIn, startOfDayIn } from '@/lib/dates';
import { AppError } from '@/lib/errors';
import { RETURN_REASONS, type ReturnReason } from '@/lib/returns/rules';
import { problemCost, ratio } from './rules';
import type { TWhatToFixQuery } from './schemas';
import { sortRows, sortSpec, type ListSort } from '@/lib/list/sort';

/**
 * "What to fix" (issue 18, decision 027): per SKU and per theme, over shop-timezone days [from, to],
 * the ratings beside the returns, refunds and tickets, sorted by what the problems cost
 * (rules.ts problemCost). Which records count, per SKU:
 * - ratings: answers to delivery surveys (and imports) answered in range, one per order line of the
 *   SKU: the item's own rating when the customer gave one, else the order's rating;
 * - shipped: units on shipments shipped in range (voided labels left out);
 * - returned: units received back on returns last received in range, by reason (as the return-rate KPI);
 * - refunds: goods + tax of the SKU's lines on refunds issued in range;
 * - return shipping: return label costs of returns approved in range, split over each return's units
 *   (rounded per line);
 * - lost margin: the cost of the SKU's units on returns received in range that were inspected damaged
 *   or scrap (cost_returned shared pro rata over the inspected units, rounded per line);
 * - tickets: tickets created in range about an order holding the SKU.
 */
export type SkuFixRow = {
  sku: string;
  name: string;
  ratings: number;
  rating_avg: number | null;
  low_ratings: number;
  units_shipped: number;
  units_returned: number;
  return_rate: number | null;
  top_reason: { reason: string; label: string; units: number } | null;
  refunds: number;
  return_shipping: number;
  lost_margin: number;
  cost: number;
  tickets: number;
};

export type ThemeFixRow = {
  slug: string;
  label: string;
  answers: number;
  rating_avg: number | null;
  low_ratings: number;
  orders: number;
  tickets_mentioning: number;
  refunds: number;
  return_shipping: number;
  lost_margin: number;
  cost: number;
  top_skus: string[];
};

async function range(query: TWhatToFixQuery, tx: Tx) {
  const [{ timezone, currency }] = await tx.$queryRaw<{ timezone: string; currency: string }[]>`
    SELECT timezone, currency FROM shop_settings WHERE id = 1`;
  return { start: startOfDayIn(query.from, timezone), end: endOfDayIn(query.to, timezone), currency };
}

/** The per-SKU figures, one CTE per source, joined on the SKU; cost descending, then worst rating. */
export async function whatToFixBySku(
  query: TWhatToFixQuery,
  tx: Tx = db,
): Promise<{ currency: string; rows: SkuFixRow[] }> {
  const { start, end, currency } = await range(query, tx);
  const rows = await tx.$queryRaw<
    (Omit<SkuFixRow, 'top_reason' | 'cost' | 'return_rate'> & { reasons: Record<string, number> | null })[]
  >`
    WITH ratings AS (
      SELECT l.sku, count(*)::int AS ratings, sum(coalesce(i.rating, a.rating))::int AS rating_sum,
             count(*) FILTER (WHERE coalesce(i.rating, a.rating) <= 2)::int AS low
      FROM feedback_answers a JOIN order_lines l ON l.order_id = a.order_id
      LEFT JOIN feedback_answer_items i ON i.answer_id = a.id AND i.order_line_id = l.id
      WHERE a.kind = 'order' AND a.answered_at BETWEEN ${start} AND ${end}
      GROUP BY l.sku
    ), shipped AS (
      SELECT l.sku, sum(sl.quantity)::int AS units
      FROM shipment_lines sl JOIN shipments s ON s.id = sl.shipment_id JOIN order_lines l ON l.id = sl.order_line_id
      WHERE s.shipped_at BETWEEN ${start} AND ${end} AND s.status <> 'voided'
      GROUP BY l.sku
    ), returned AS (
      SELECT x.sku, sum(x.units)::int AS units, jsonb_object_agg(x.reason, x.units) AS reasons,
             sum(x.lost)::int AS lost_margin
      FROM (
        SELECT rl.sku, rl.reason, sum(rl.quantity_received)::int AS units,
               sum(CASE WHEN rl.quantity_restocked + rl.quantity_damaged + rl.quantity_scrapped > 0
                        THEN round(rl.cost_returned::numeric * (rl.quantity_damaged + rl.quantity_scrapped)
                                   / (rl.quantity_restocked + rl.quantity_damaged + rl.quantity_scrapped))
                        ELSE 0 END)::int AS lost
        FROM return_lines rl JOIN returns r ON r.id = rl.return_id
        WHERE r.received_at BETWEEN ${start} AND ${end}
        GROUP BY rl.sku, rl.reason
      ) x GROUP BY x.sku
    ), refunded AS (
      SELECT e->>'sku' AS sku, sum((e->>'goods')::int + (e->>'tax')::int)::int AS amount
      FROM refunds f CROSS JOIN LATERAL jsonb_array_elements(f.lines) e
      WHERE f.status = 'issued' AND f.issued_at BETWEEN ${start} AND ${end}
      GROUP BY 1
    ), postage AS (
      SELECT rl.sku, sum(round(r.label_cost::numeric * rl.quantity / t.units))::int AS amount
      FROM returns r JOIN return_lines rl ON rl.return_id = r.id
      JOIN (SELECT return_id, sum(quantity) AS units FROM return_lines GROUP BY return_id) t ON t.return_id = r.id
      WHERE r.label_cost > 0 AND r.approved_at BETWEEN ${start} AND ${end} AND t.units > 0
      GROUP BY rl.sku
    ), ticketed AS (
      SELECT l.sku, count(DISTINCT t.id)::int AS tickets
      FROM tickets t JOIN order_lines l ON l.order_id = t.order_id
      WHERE t.created_at BETWEEN ${start} AND ${end}
      GROUP BY l.sku
    ), skus AS (
      SELECT sku FROM ratings UNION SELECT sku FROM returned UNION SELECT sku FROM refunded
      UNION SELECT sku FROM postage UNION SELECT sku FROM ticketed
    )
    SELECT k.sku, coalesce(p.name || CASE WHEN v.title <> '' THEN ' — ' || v.title ELSE '' END, k.sku) AS name,
           coalesce(ra.ratings, 0) AS ratings, CASE WHEN ra.ratings > 0 THEN
             round(ra.rating_sum::numeric / ra.ratings, 2)::float8 END AS rating_avg,
           coalesce(ra.low, 0) AS low_ratings, coalesce(sh.units, 0) AS units_shipped,
             coalesce(re.units, 0) AS units_returned,
           re.reasons, coalesce(rf.amount, 0) AS refunds, coalesce(po.amount, 0) AS return_shipping,
           coalesce(re.lost_margin, 0) AS lost_margin, coalesce(ti.tickets, 0) AS tickets
    FROM skus k
    LEFT JOIN variants v ON v.sku = k.sku LEFT JOIN products p ON p.id = v.product_id
    LEFT JOIN ratings ra ON ra.sku = k.sku LEFT JOIN shipped sh ON sh.sku = k.sku
    LEFT JOIN returned re ON re.sku = k.sku LEFT JOIN refunded rf ON rf.sku = k.sku
    LEFT JOIN postage po ON po.sku = k.sku LEFT JOIN ticketed ti ON ti.sku = k.sku`;
  const out: SkuFixRow[] = rows.map(({ reasons, ...r }) => {
    const top = Object.entries(reasons ?? {})
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    return {
      ...r,
      return_rate: ratio(r.units_returned, r.units_shipped),
      top_reason: top
        ? { reason: top[0], label: RETURN_REASONS[top[0] as ReturnReason]?.label ?? top[0], units: top[1] }
        : null,
      cost: problemCost(r),
    };
  });
  out.sort(
    (a, b) =>
      b.cost - a.cost ||
      (a.rating_avg ?? 6) - (b.rating_avg ?? 6) ||
      b.tickets - a.tickets ||
      a.sku.localeCompare(b.sku),
  );
  return { currency, rows: out };
}

/**
 * The per-theme figures: the answers tagged with the theme and answered in range (their average order
 * rating and low ratings — 1–2 or a bad support rating), the orders behind them and what those
 * orders' returns and refunds cost (same definitions as per SKU, without the range: the cost of the
 * orders the theme is about), and the tickets created in range whose subject or a customer message
 * mentions one of the theme's keywords.
 */
export async function whatToFixByTheme(
  query: TWhatToFixQuery,
  tx: Tx = db,
): Promise<{ currency: string; rows: ThemeFixRow[] }> {
  const { start, end, currency } = await range(query, tx);
  const rows = await tx.$queryRaw<Omit<ThemeFixRow, 'cost'>[]>`
    WITH tagged AS (
      SELECT th.id AS theme_id, a.id AS answer_id, a.kind, a.rating, coalesce(a.order_id, t.order_id) AS order_id
      FROM feedback_themes th JOIN feedback_answer_themes x ON x.theme_id = th.id JOIN
        feedback_answers a ON a.id = x.answer_id
      LEFT JOIN tickets t ON t.id = a.ticket_id
      WHERE a.answered_at BETWEEN ${start} AND ${end}
    ), orders_of AS (SELECT DISTINCT theme_id, order_id FROM tagged WHERE order_id IS NOT NULL),
    money AS (
      SELECT o.theme_id,
             coalesce(sum((SELECT sum(f.goods_amount + f.tax_amount) FROM refunds f WHERE f.order_id
               = o.order_id AND f.status = 'issued')), 0)::int AS refunds,
             coalesce(sum((SELECT sum(r.label_cost) FROM returns r WHERE r.order_id = o.order_id AND
               r.approved_at IS NOT NULL)), 0)::int AS return_shipping,
             coalesce(sum((SELECT sum(CASE WHEN rl.quantity_restocked + rl.quantity_damaged + rl.quantity_scrapped > 0
                                  THEN round(rl.cost_returned::numeric * (rl.quantity_damaged + rl.quantity_scrapped)
                                             / (rl.quantity_restocked + rl.quantity_damaged +
                                               rl.quantity_scrapped)) ELSE 0 END)
                           FROM returns r JOIN return_lines rl ON rl.return_id = r.id WHERE
                             r.order_id = o.order_id)), 0)::int AS lost_margin,
             count(*)::int AS orders
      FROM orders_of o GROUP BY o.theme_id
    ), mentions AS (
      SELECT th.id AS theme_id, count(*)::int AS n
      FROM feedback_themes th JOIN tickets t ON t.created_at BETWEEN ${start} AND ${end}
      WHERE cardinality(th.keywords) > 0 AND (
        t.subject ~* ('\\m(' || array_to_string(th.keywords, '|') || ')')
        OR EXISTS (SELECT 1 FROM ticket_messages m WHERE m.ticket_id = t.id AND m.kind = 'customer'
                   AND m.body ~* ('\\m(' || array_to_string(th.keywords, '|') || ')')))
      GROUP BY th.id
    ), top AS (
      SELECT theme_id, (array_agg(sku ORDER BY n DESC, sku))[1:3] AS skus FROM (
        SELECT g.theme_id, l.sku, count(*) AS n FROM tagged g JOIN order_lines l ON l.order_id =
          g.order_id GROUP BY 1, 2
      ) s GROUP BY theme_id
    )
    SELECT th.slug, th.label,
           (SELECT count(*)::int FROM tagged g WHERE g.theme_id = th.id) AS answers,
           (SELECT round(avg(g.rating), 2)::float8 FROM tagged g WHERE g.theme_id = th.id AND g.kind
             = 'order') AS rating_avg,
           (SELECT count(*)::int FROM tagged g WHERE g.theme_id = th.id AND ((g.kind = 'order' AND
             g.rating <= 2) OR (g.kind = 'ticket' AND g.rating = 0))) AS low_ratings,
           coalesce(mo.orders, 0) AS orders, coalesce(me.n, 0) AS tickets_mentioning,
           coalesce(mo.refunds, 0) AS refunds, coalesce(mo.return_shipping, 0) AS return_shipping,
             coalesce(mo.lost_margin, 0) AS lost_margin,
           coalesce(tp.skus, '{}') AS top_skus
    FROM feedback_themes th
    LEFT JOIN money mo ON mo.theme_id = th.id LEFT JOIN mentions me ON me.theme_id = th.id LEFT JOIN
      top tp ON tp.theme_id = th.id
    WHERE th.archived_at IS NULL`;
  const out = rows.map((r) => ({ ...r, cost: problemCost(r) }));
  out.sort((a, b) => b.cost - a.cost || b.answers - a.answers || a.label.localeCompare(b.label));
  return { currency, rows: out };
}

export const FIX_FIGURES = ['returns', 'refunds', 'shipping', 'lost', 'tickets'] as const;
export type FixFigure = (typeof FIX_FIGURES)[number];

export type FixRecord = {
  kind: 'return' | 'refund' | 'ticket';
  id: string;
  number: number;
  order_id: string | null;
  order_number: number | null;
  at: string;
  detail: string;
  amount: number | null;
};

/** The drill-down's header sort. Every record behind a figure is read (they add up to it), so it sorts them. */
export const FIX_RECORD_SORT = sortSpec(['record', 'order', 'date', 'amount'], { id: 'date', desc: false });

export function sortFixRecords(
  records: FixRecord[],
  sort: ListSort<(typeof FIX_RECORD_SORT.columns)[number]>,
): FixRecord[] {
  return sortRows(records, sort, {
    record: (r) => `${r.kind}:${String(r.number).padStart(12, '0')}`,
    order: (r) => r.order_number,
    date: (r) => r.at,
    amount: (r) => r.amount,
  });
}

/**
 * The records behind one per-SKU figure (the report's drill-down), with the same filters as
 * whatToFixBySku, so the amounts listed add up to the figure. Ratings drill into the feedback inbox
 * (`/feedback?sku=`) instead.
 */
export async function whatToFixRecords(
  options: TWhatToFixQuery & { sku: string; figure: FixFigure },
  tx: Tx = db,
): Promise<FixRecord[]> {
  const { start, end } = await range(options, tx);
  const { sku } = options;
  switch (options.figure) {
    case 'returns':
    case 'lost':
      return (
        await tx.$queryRaw<(FixRecord & { at: Date })[]>`
          SELECT 'return' AS kind, r.id::text, r.number, o.id::text AS order_id, o.number AS
            order_number, r.received_at AS at,
                 rl.quantity_received || ' received, ' || rl.reason || ' (' || rl.quantity_restocked
                   || ' restocked, ' || rl.quantity_damaged || ' damaged, ' || rl.quantity_scrapped
                   || ' scrap)' AS detail,
                 CASE WHEN ${options.figure} = 'lost' AND rl.quantity_restocked +
                   rl.quantity_damaged + rl.quantity_scrapped > 0
                      THEN round(rl.cost_returned::numeric * (rl.quantity_damaged +
                        rl.quantity_scrapped) / (rl.quantity_restocked + rl.quantity_damaged +
                        rl.quantity_scrapped))::int
                      WHEN ${options.figure} = 'lost' THEN 0 END AS amount
          FROM return_lines rl JOIN returns r ON r.id = rl.return_id JOIN orders o ON o.id = r.order_id
          WHERE rl.sku = ${sku} AND r.received_at BETWEEN ${start} AND ${end}
          ORDER BY r.received_at DESC, r.number DESC LIMIT 500`
      ).map((r) => ({ ...r, at: r.at.toISOString() }));
    case 'refunds':
      return (
        await tx.$queryRaw<(FixRecord & { at: Date })[]>`
          SELECT 'refund' AS kind, f.id::text, f.number, o.id::text AS order_id, o.number AS
            order_number, f.issued_at AS at,
                 (e->>'quantity') || ' × ' || (e->>'sku') || coalesce(' — ' || f.reason, '') AS detail,
                 ((e->>'goods')::int + (e->>'tax')::int) AS amount
          FROM refunds f CROSS JOIN LATERAL jsonb_array_elements(f.lines) e JOIN orders o ON o.id = f.order_id
          WHERE f.status = 'issued' AND f.issued_at BETWEEN ${start} AND ${end} AND e->>'sku' = ${sku}
          ORDER BY f.issued_at DESC, f.number DESC LIMIT 500`
      ).map((r) => ({ ...r, at: r.at.toISOString() }));
    case 'shipping':
      return (
        await tx.$queryRaw<(FixRecord & { at: Date })[]>`
          SELECT 'return' AS kind, r.id::text, r.number, o.id::text AS order_id, o.number AS
            order_number, r.approved_at AS at,
                 rl.quantity || ' of ' || t.units || ' units on the label' AS detail,
                 round(r.label_cost::numeric * rl.quantity / t.units)::int AS amount
          FROM returns r JOIN return_lines rl ON rl.return_id = r.id JOIN orders o ON o.id = r.order_id
          JOIN (SELECT return_id, sum(quantity) AS units FROM return_lines GROUP BY return_id) t ON t.return_id = r.id
          WHERE rl.sku = ${sku} AND r.label_cost > 0 AND r.approved_at BETWEEN ${start} AND ${end} AND t.units > 0
          ORDER BY r.approved_at DESC LIMIT 500`
      ).map((r) => ({ ...r, at: r.at.toISOString() }));
    case 'tickets':
      return (
        await tx.$queryRaw<(FixRecord & { at: Date })[]>`
          SELECT DISTINCT ON (t.created_at, t.id) 'ticket' AS kind, t.id::text, t.number, o.id::text
            AS order_id, o.number AS order_number,
                 t.created_at AS at, t.subject || ' (' || t.status::text || ')' AS detail, NULL::int AS amount
          FROM tickets t JOIN orders o ON o.id = t.order_id JOIN order_lines l ON l.order_id = o.id
          WHERE l.sku = ${sku} AND t.created_at BETWEEN ${start} AND ${end}
          ORDER BY t.created_at DESC, t.id LIMIT 500`
      ).map((r) => ({ ...r, at: r.at.toISOString() }));
    default:
      throw new AppError('VALIDATION_FAILED', 'Invalid figure', [
        { field: 'figure', message: `Use one of: ${FIX_FIGURES.join(', ')}` },
      ]);
  }
}

/** The tickets behind a theme's "tickets mentioning" figure (same match as whatToFixByTheme). */
export async function themeTicketRecords(
  options: TWhatToFixQuery & { theme: string },
  tx: Tx = db,
): Promise<FixRecord[]> {
  const { start, end } = await range(options, tx);
  const rows = await tx.$queryRaw<(FixRecord & { at: Date })[]>`
    SELECT 'ticket' AS kind, t.id::text, t.number, o.id::text AS order_id, o.number AS order_number, t.created_at AS at,
           t.subject || ' (' || t.status::text || ')' AS detail, NULL::int AS amount
    FROM feedback_themes th JOIN tickets t ON t.created_at BETWEEN ${start} AND ${end}
    LEFT JOIN orders o ON o.id = t.order_id
    WHERE th.slug = ${options.theme} AND cardinality(th.keywords) > 0 AND (
      t.subject ~* ('\\m(' || array_to_string(th.keywords, '|') || ')')
      OR EXISTS (SELECT 1 FROM ticket_messages m WHERE m.ticket_id = t.id AND m.kind = 'customer'
                 AND m.body ~* ('\\m(' || array_to_string(th.keywords, '|') || ')')))
    ORDER BY t.created_at DESC LIMIT 500`;
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/** The shop's currency, for the report's amounts. */
export async function reportCurrency(tx: Tx = db): Promise<string> {
  const row = await tx.shopSettings.findUnique({ where: { id: 1 }, select: { currency: true } });
  return row?.currency ?? 'USD';
}
