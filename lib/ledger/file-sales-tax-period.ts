import 'server-only';
import { randomUUID } from 'node:crypto';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { todayIn } from '@/lib/dates';
import { shopSettings } from '@/lib/settings/queries';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr, type EntryLine } from '@/lib/ledger/rules';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { ZTaxFilingInput, type TTaxFilingInput } from '@/lib/ledger/tax-rules';
import { salesTaxReport, TAX_SETTLEMENT_SOURCE, type SalesTaxReport } from '@/lib/ledger/sales-tax';

export type TaxFilingDto = {
  id: string;
  from: string;
  to: string;
  /** filed before: this is that filing, nothing new was posted */
  already: boolean;
  filed_at: string;
  filed_by: string;
  /** the settlement entry; null when the period moved no tax */
  entry_number: number | null;
  report: Pick<SalesTaxReport, 'currency' | 'lines' | 'total'>;
};

/**
 * The settlement entry of a filed period (decision 042): the period's sales-tax movement (payable =
 * Σcredit − Σdebit of 2100) and input-tax movement (input = Σdebit − Σcredit of 1300) move into 2110
 * Sales tax settlement payable:
 *   Dr 2100 payable / Cr 1300 input / Cr 2110 payable − input (a Dr when the input tax is larger).
 * WORKED EXAMPLE: collected 2,100, refunded 1,050, input 500 → payable 1,050: Dr 2100 1,050 /
 * Cr 1300 500 / Cr 2110 550.
 */
export function settlementLines(payable: number, input: number): EntryLine[] {
  return [
    dr(ACCOUNTS.salesTax, payable, 'Sales tax of the period'),
    cr(ACCOUNTS.inputTax, input, 'Input tax of the period'),
    cr(ACCOUNTS.taxSettlement, payable - input, 'Net owed to the tax authority'),
  ];
}

type FilingRow = {
  id: string;
  period_from: string;
  period_to: string;
  filed_at: Date;
  actor_label: string;
  entry_number: number | null;
  lines: SalesTaxReport['lines'];
  taxable: bigint;
  tax_collected: bigint;
  tax_refunded: bigint;
  input_tax: bigint;
  net: bigint;
};

async function filingRows(t: Tx, where: { id?: string }): Promise<FilingRow[]> {
  return t.$queryRaw<FilingRow[]>`
    SELECT f.id::text, f.period_from::text, f.period_to::text, f.filed_at, f.actor_label, e.number AS entry_number,
           f.lines, f.taxable, f.tax_collected, f.tax_refunded, f.input_tax, f.net
      FROM tax_filings f LEFT JOIN journal_entries e ON e.id = f.entry_id
     WHERE ${where.id ?? null}::uuid IS NULL OR f.id = ${where.id ?? null}::uuid
     ORDER BY f.period_from DESC`;
}

function dto(row: FilingRow, currency: string, already: boolean): TaxFilingDto {
  return {
    id: row.id,
    from: row.period_from,
    to: row.period_to,
    already,
    filed_at: row.filed_at.toISOString(),
    filed_by: row.actor_label,
    entry_number: row.entry_number,
    report: {
      currency,
      lines: row.lines,
      total: {
        taxable: Number(row.taxable),
        tax_collected: Number(row.tax_collected),
        tax_refunded: Number(row.tax_refunded),
        input_tax: Number(row.input_tax),
        net: Number(row.net),
      },
    },
  };
}

/** Every filed period, newest first (GET /api/v1/ledger/tax-filings, the Sales tax screen). */
export async function taxFilings(tx: Tx = db): Promise<TaxFilingDto[]> {
  const { currency } = await shopSettings(tx);
  return (await filingRows(tx, {})).map((r) => dto(r, currency, false));
}

/**
 * Files a sales-tax period [from, to] (decision 042), in one transaction: the report of the period
 * (lib/ledger/sales-tax.ts), the settlement entry dated now (settlementLines; nothing when the period
 * moved no tax), the tax_filings row that from then on locks tax in the period (the database refuses a
 * tax-account line dated in it: 409 PERIOD_LOCKED naming the day) and the audit row. Only a period
 * that has ended, not overlapping another filed one (409 naming `from`). Filing the same period again
 * answers the first filing (`already`) and posts nothing.
 */
export async function fileSalesTaxPeriod(
  options: { input: TTaxFilingInput; actor: Actor; now?: Date },
  tx?: Tx,
): Promise<TaxFilingDto> {
  const input = ZTaxFilingInput.parse(options.input);
  const run = async (t: Tx): Promise<TaxFilingDto> => {
    await t.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tax_filing'))`;
    const { currency, timezone } = await shopSettings(t);
    const [same] = await t.$queryRaw<{ id: string }[]>`
      SELECT id::text FROM tax_filings WHERE period_from = ${input.from}::date AND period_to = ${input.to}::date`;
    if (same) return dto((await filingRows(t, { id: same.id }))[0], currency, true);
    const today = todayIn(timezone, options.now ?? new Date());
    if (input.to >= today)
      throw new AppError('VALIDATION_FAILED', `The period must have ended: ${input.to} is not before today`, [
        { field: 'to', message: `File a period once it has ended (the last day before ${today})` },
      ]);
    const [overlap] = await t.$queryRaw<{ from: string; to: string }[]>`
      SELECT period_from::text AS from, period_to::text AS to FROM tax_filings
       WHERE period_from <= ${input.to}::date AND period_to >= ${input.from}::date
       ORDER BY period_from LIMIT 1`;
    if (overlap)
      throw new AppError('CONFLICT', `Tax for ${overlap.from} to ${overlap.to} is already filed`, [
        { field: 'from', message: `Overlaps the filed period ${overlap.from} to ${overlap.to}` },
      ]);
    const report = await salesTaxReport(input, t);
    const payable = report.total.tax_collected - report.total.tax_refunded;
    const id = randomUUID();
    const entry = await postJournalEntry(t, {
      memo: `Sales tax filed for ${input.from} to ${input.to}`,
      source: { type: TAX_SETTLEMENT_SOURCE, id },
      actor: options.actor,
      lines: settlementLines(payable, report.total.input_tax),
    });
    const { total } = report;
    await t.$executeRaw`
      INSERT INTO tax_filings (id, period_from, period_to, entry_id, taxable, tax_collected, tax_refunded,
                               input_tax, net, lines, actor_type, actor_id, actor_label)
      VALUES (${id}::uuid, ${input.from}::date, ${input.to}::date, ${entry?.id ?? null}::uuid, ${total.taxable},
              ${total.tax_collected}, ${total.tax_refunded}, ${total.input_tax}, ${total.net},
              ${JSON.stringify(report.lines)}::jsonb,
              ${options.actor.type}, ${options.actor.id}, ${options.actor.label})`;
    const filed = dto((await filingRows(t, { id }))[0], currency, false);
    await audit(t, {
      actor: options.actor,
      action: 'sales_tax.filed',
      entityType: 'tax_filing',
      entityId: id,
      after: { from: input.from, to: input.to, entry_number: filed.entry_number, total },
    });
    return filed;
  };
  return tx ? run(tx) : db.$transaction(run);
}
