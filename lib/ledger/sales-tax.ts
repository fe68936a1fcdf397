import 'server-only';
import { db, type Tx } from '@/lib/db';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { endOfDayIn, startOfDayIn } from '@/lib/dates';
import { shopSettings } from '@/lib/settings/queries';
import { safeMinor } from '@/lib/ledger/statements';
import { netPayable, normalRate, type TaxFigures } from '@/lib/ledger/tax-rules';

export type SalesTaxFigures = TaxFigures;
export type SalesTaxLine = { jurisdiction: string | null; rate: string | null } & SalesTaxFigures;
export type SalesTaxReport = {
  currency: string;
  from: string;
  to: string;
  lines: SalesTaxLine[];
  total: SalesTaxFigures;
  /** (Σcredit − Σdebit of 2100) − (Σdebit − Σcredit of 1300) over the range: always equal to total.net. */
  tax_account_movement: number;
  /** the filing that covers exactly this range, if any */
  filing: { id: string; filed_at: string; entry_number: number | null } | null;
};

/** The settlement entries of filed periods (decision 042): they empty the tax accounts, they are no tax. */
export const TAX_SETTLEMENT_SOURCE = 'tax_settlement';

type Row = { jurisdiction: string; rate: string | null; kind: string; taxable: bigint; tax: bigint };

const zero = (): Omit<SalesTaxFigures, 'net'> => ({
  taxable: 0,
  tax_collected: 0,
  tax_refunded: 0,
  input_tax: 0,
});

/**
 * The sales-tax report over shop-timezone days [from, to] (decision 042), in the shop's currency, by
 * jurisdiction and rate, from the tax lines of the entries posted in the range (settlement entries
 * aside):
 *   taxable       = taxable of sales − of cancellations − of refunds (net taxable sales)
 *   tax collected = tax of sales − of cancellations (the credits of 2100 Sales tax payable)
 *   tax refunded  = tax of refunds (debits of 2100)
 *   input tax     = reclaimable tax of supplier bills (debits of 1300 Input tax)
 *   net payable   = collected − refunded − input tax
 * Every tax line's base tax is split from its entry's tax-account line, so the lines add up to the
 * accounts' movement; what the accounts moved without a tax line (a manual entry, an order taken
 * before tax lines, a revaluation) is one more line with jurisdiction and rate null, so the total
 * always equals the movement: net = (2100 credit movement) − (1300 debit movement).
 */
export async function salesTaxReport(
  input: { from: string; to: string },
  tx: Tx = db,
): Promise<SalesTaxReport> {
  const { currency, timezone } = await shopSettings(tx);
  const start = startOfDayIn(input.from, timezone);
  const end = endOfDayIn(input.to, timezone);
  const rows = await tx.$queryRaw<Row[]>`
    SELECT t.jurisdiction, trim_scale(t.rate)::text AS rate, t.kind::text AS kind,
           sum(t.base_taxable)::bigint AS taxable, sum(t.base_tax)::bigint AS tax
      FROM journal_entries e JOIN tax_lines t ON t.entry_id = e.id
     WHERE e.posted_at >= ${start} AND e.posted_at < ${end} AND e.source_type <> ${TAX_SETTLEMENT_SOURCE}
     GROUP BY 1, 2, 3`;
  const [movement] = await tx.$queryRaw<{ payable: bigint; input: bigint }[]>`
    SELECT coalesce(sum(l.credit - l.debit) FILTER (WHERE a.code = ${ACCOUNTS.salesTax}), 0)::bigint AS payable,
           coalesce(sum(l.debit - l.credit) FILTER (WHERE a.code = ${ACCOUNTS.inputTax}), 0)::bigint AS input
      FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id JOIN accounts a ON a.id = l.account_id
     WHERE e.posted_at >= ${start} AND e.posted_at < ${end} AND e.source_type <> ${TAX_SETTLEMENT_SOURCE}
       AND a.code IN (${ACCOUNTS.salesTax}, ${ACCOUNTS.inputTax})`;
  const groups = new Map<string, SalesTaxLine>();
  for (const r of rows) {
    const rate = r.rate === null ? null : normalRate(r.rate);
    const key = JSON.stringify([r.jurisdiction, rate]);
    const line = groups.get(key) ?? { jurisdiction: r.jurisdiction, rate, ...zero(), net: 0 };
    const taxable = safeMinor(r.taxable);
    const tax = safeMinor(r.tax);
    if (r.kind === 'sale') {
      line.taxable += taxable;
      line.tax_collected += tax;
    } else if (r.kind === 'cancellation') {
      line.taxable -= taxable;
      line.tax_collected -= tax;
    } else if (r.kind === 'refund') {
      line.taxable -= taxable;
      line.tax_refunded += tax;
    } else line.input_tax += tax;
    groups.set(key, line);
  }
  const lines = [...groups.values()]
    .map((l) => ({ ...l, net: netPayable(l) }))
    .sort(
      (a, b) =>
        a.jurisdiction!.localeCompare(b.jurisdiction!) ||
        (a.rate === null ? 1 : b.rate === null ? -1 : Number(a.rate) - Number(b.rate)),
    );
  const detailed = lines.reduce(
    (s, l) => ({ payable: s.payable + l.tax_collected - l.tax_refunded, input: s.input + l.input_tax }),
    { payable: 0, input: 0 },
  );
  const payable = safeMinor(movement.payable);
  const inputTax = safeMinor(movement.input);
  // What the tax accounts moved without a tax line: one line, so the report equals the movement.
  if (payable !== detailed.payable || inputTax !== detailed.input) {
    const other = {
      jurisdiction: null,
      rate: null,
      taxable: 0,
      tax_collected: payable - detailed.payable,
      tax_refunded: 0,
      input_tax: inputTax - detailed.input,
    };
    lines.push({ ...other, net: netPayable(other) });
  }
  const sum = lines.reduce(
    (s, l) => ({
      taxable: s.taxable + l.taxable,
      tax_collected: s.tax_collected + l.tax_collected,
      tax_refunded: s.tax_refunded + l.tax_refunded,
      input_tax: s.input_tax + l.input_tax,
    }),
    zero(),
  );
  const [filing] = await tx.$queryRaw<{ id: string; filed_at: Date; entry_number: number | null }[]>`
    SELECT f.id::text, f.filed_at, e.number AS entry_number
      FROM tax_filings f LEFT JOIN journal_entries e ON e.id = f.entry_id
     WHERE f.period_from = ${input.from}::date AND f.period_to = ${input.to}::date`;
  return {
    currency,
    from: input.from,
    to: input.to,
    lines,
    total: { ...sum, net: netPayable(sum) },
    tax_account_movement: payable - inputTax,
    filing: filing
      ? { id: filing.id, filed_at: filing.filed_at.toISOString(), entry_number: filing.entry_number }
      : null,
  };
}
