import 'server-only';
import type { Tx } from '@/lib/db';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { UUID_PATTERN } from '@/lib/boundary';

/** Revenue accounts whose net credit is net sales; the account whose net debit is COGS. */
export const NET_SALES_ACCOUNTS = [ACCOUNTS.sales, ACCOUNTS.discounts, ACCOUNTS.returns] as const;
export const COGS_ACCOUNTS = [ACCOUNTS.cogs] as const;

/**
 * The sales channel of a journal entry, from its source: an order's (sale, cancellation), a
 * shipment's order (COGS), a refund's or a return's order (sales returns, COGS brought back at
 * inspection), the reversed entry's source (a cancelled sale); '' otherwise (manual entries, receipt
 * re-costing). `type` and `id` are SQL expressions. The rebuild uses the same rule.
 */
export function entryChannelSql(type: string, id: string): string {
  // A source id that is not a uuid (tests, future sources) matches nothing instead of failing the cast.
  const uuid = (i: string) => `(CASE WHEN ${i} ~* '${UUID_PATTERN.source}' THEN ${i} END)::uuid`;
  const direct = (t: string, i: string) => `CASE ${t}
      WHEN 'order' THEN (SELECT o.channel::text FROM orders o WHERE o.id = ${uuid(i)})
      WHEN 'shipment' THEN (SELECT o.channel::text FROM shipments s JOIN orders o ON o.id =
        s.order_id WHERE s.id = ${uuid(i)})
      WHEN 'refund' THEN (SELECT o.channel::text FROM refunds rf JOIN orders o ON o.id = rf.order_id
        WHERE rf.id = ${uuid(i)})
      WHEN 'return' THEN (SELECT o.channel::text FROM returns rt JOIN orders o ON o.id = rt.order_id
        WHERE rt.id = ${uuid(i)})
      ELSE NULL END`;
  return (
    `coalesce(CASE ${type} WHEN 'reversal' THEN ` +
    `(SELECT ${direct('r.source_type', 'r.source_id')} FROM journal_entries ` +
    `r WHERE r.id = ${uuid(id)}) ELSE ${direct(type, id)} END, '')`
  );
}

/** The net sales and COGS a journal entry's lines move (zero for captures, fees, stock receipts). */
export function ledgerFactValues(lines: { account: string; debit: number; credit: number }[]): {
  net_sales: number;
  cogs: number;
} {
  let netSales = 0;
  let cogs = 0;
  for (const l of lines) {
    if ((NET_SALES_ACCOUNTS as readonly string[]).includes(l.account)) netSales += l.credit - l.debit;
    if ((COGS_ACCOUNTS as readonly string[]).includes(l.account)) cogs += l.debit - l.credit;
  }
  return { net_sales: netSales, cogs };
}

/**
 * Records the net sales and COGS a journal entry moves, in its transaction (called by
 * postJournalEntry). Entries that touch neither (captures, fees, stock receipts) write nothing.
 */
export async function recordLedgerFacts(
  tx: Tx,
  entry: { postedAt: Date; sourceType: string; sourceId: string | null },
  lines: { account: string; debit: number; credit: number }[],
) {
  const { net_sales: netSales, cogs } = ledgerFactValues(lines);
  if (netSales === 0 && cogs === 0) return;
  const metrics = ['net_sales', 'cogs'].filter((_, i) => [netSales, cogs][i] !== 0);
  const values = [netSales, cogs].filter((v) => v !== 0).map(String);
  await tx.$executeRawUnsafe(
    `INSERT INTO kpi_fact_deltas (day, channel, metric, value)
     SELECT ($1::timestamptz AT TIME ZONE s.timezone)::date,
       ${entryChannelSql('$2::text', '$3::text')}, m.metric, m.value
     FROM shop_settings s, unnest($4::text[], $5::bigint[]) AS m(metric, value) WHERE s.id = 1`,
    entry.postedAt,
    entry.sourceType,
    entry.sourceId,
    metrics,
    values,
  );
}
