import 'server-only';
import { db, type Tx } from '@/lib/db';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { endOfDayIn, startOfDayIn } from '@/lib/dates';
import { shopSettings } from '@/lib/settings/queries';
import { safeMinor } from '@/lib/ledger/statements';

export type SalesTaxFigures = {
  taxable: number;
  tax_collected: number;
  tax_refunded: number;
  input_tax: number;
  net: number;
};
export type SalesTaxReport = {
  currency: string;
  from: string;
  to: string;
  lines: ({ jurisdiction: string | null; rate: string | null } & SalesTaxFigures)[];
  total: SalesTaxFigures;
  /** Σcredit − Σdebit of the sales-tax account over the range: always equal to total.net. */
  tax_account_movement: number;
};

/**
 * The sales-tax report over shop-timezone days [from, to], read from the journal's sales-tax account
 * (2100), so it equals that account's movement by construction:
 *   tax collected = credits − debits of order entries (sales, less cancellations);
 *   tax refunded  = debits − credits of refund entries;
 *   input tax     = debits − credits of every other entry (manual entries; bills when they carry tax);
 *   net payable   = collected − refunded − input = the account's credit movement;
 *   taxable       = the revenue less discounts of the order entries that carry tax.
 * Orders hold one tax amount, not tax lines: there is one line, jurisdiction and rate null
 * ("not recorded"), until orders carry jurisdiction and rate (issue 17).
 */
export async function salesTaxReport(
  input: { from: string; to: string },
  tx: Tx = db,
): Promise<SalesTaxReport> {
  const { currency, timezone } = await shopSettings(tx);
  const [row] = await tx.$queryRaw<
    { taxable: bigint; collected: bigint; refunded: bigint; input_tax: bigint; movement: bigint }[]
  >`
    WITH e AS (
      SELECT id, source_type FROM journal_entries
      WHERE posted_at >= ${startOfDayIn(input.from, timezone)} AND posted_at < ${endOfDayIn(input.to, timezone)}
    ),
    lines AS (
      SELECT e.id AS entry_id, e.source_type, a.code, a.statement_section::text AS section,
             l.debit::bigint AS debit, l.credit::bigint AS credit
      FROM e JOIN journal_lines l ON l.entry_id = e.id JOIN accounts a ON a.id = l.account_id
    ),
    taxed AS (SELECT DISTINCT entry_id FROM lines WHERE code = ${ACCOUNTS.salesTax} AND source_type = 'order')
    SELECT
      coalesce(sum(credit - debit) FILTER (
        WHERE section IN ('revenue', 'contra_revenue') AND entry_id IN (SELECT entry_id FROM
          taxed)), 0)::bigint AS taxable,
      coalesce(sum(credit - debit) FILTER (WHERE code = ${ACCOUNTS.salesTax} AND source_type =
        'order'), 0)::bigint AS collected,
      coalesce(sum(debit - credit) FILTER (WHERE code = ${ACCOUNTS.salesTax} AND source_type =
        'refund'), 0)::bigint AS refunded,
      coalesce(sum(debit - credit) FILTER (
        WHERE code = ${ACCOUNTS.salesTax} AND source_type NOT IN ('order', 'refund')), 0)::bigint AS input_tax,
      coalesce(sum(credit - debit) FILTER (WHERE code = ${ACCOUNTS.salesTax}), 0)::bigint AS movement
    FROM lines`;
  const figures: SalesTaxFigures = {
    taxable: safeMinor(row.taxable),
    tax_collected: safeMinor(row.collected),
    tax_refunded: safeMinor(row.refunded),
    input_tax: safeMinor(row.input_tax),
    net: safeMinor(row.collected - row.refunded - row.input_tax),
  };
  const any = Object.values(figures).some((v) => v !== 0);
  return {
    currency,
    from: input.from,
    to: input.to,
    lines: any ? [{ jurisdiction: null, rate: null, ...figures }] : [],
    total: figures,
    tax_account_movement: safeMinor(row.movement),
  };
}
