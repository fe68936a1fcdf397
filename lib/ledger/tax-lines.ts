import 'server-only';
import type { Tx } from '@/lib/db';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { convertMinor, parseRate } from '@/lib/ledger/fx';
import { orderFx } from '@/lib/ledger/post-foreign-entry';
import { shopSettings } from '@/lib/settings/queries';
import { currencyDigits } from '@/lib/money';
import {
  baseTaxes,
  defaultJurisdiction,
  reverseShares,
  type ReversibleTaxLine,
} from '@/lib/ledger/tax-rules';

/** Σdebit − Σcredit of one entry's lines on a tax account, in base (0 without an entry). */
async function entryTaxMovement(t: Tx, entryId: string | null, code: string): Promise<number> {
  if (!entryId) return 0;
  const [row] = await t.$queryRaw<{ amount: bigint }[]>`
    SELECT coalesce(sum(l.debit - l.credit), 0)::bigint AS amount
      FROM journal_lines l JOIN accounts a ON a.id = l.account_id
     WHERE l.entry_id = ${entryId}::uuid AND a.code = ${code}`;
  return Number(row.amount);
}

/**
 * Writes a cancellation's or refund's share of its order's tax lines (decision 042, rules in
 * lib/ledger/tax-rules.ts reverseShares), beside the entry that debited the sales-tax account: the
 * order's sale lines are locked first, so two refunds of one order share what remains one after the
 * other. Base taxes are split from the entry's sales-tax debit, so they add up to it exactly.
 */
export async function recordTaxReversal(
  t: Tx,
  r: {
    kind: 'cancellation' | 'refund';
    orderId: string;
    refundId?: string;
    entryId: string | null;
    taxable: number;
    tax: number;
  },
): Promise<void> {
  if (r.tax <= 0 && r.taxable <= 0) return;
  const lines = await t.$queryRaw<(ReversibleTaxLine & { taxable: bigint; tax: bigint })[]>`
    WITH sale AS (
      SELECT id, jurisdiction, trim_scale(rate)::text AS rate, taxable, tax, created_at
        FROM tax_lines WHERE order_id = ${r.orderId}::uuid AND kind = 'sale'
       ORDER BY created_at, id FOR UPDATE
    )
    SELECT s.id::text, s.jurisdiction, s.rate, s.taxable, s.tax,
           coalesce((SELECT sum(c.taxable) FROM tax_lines c WHERE c.parent_id = s.id), 0)::int AS "reversedTaxable",
           coalesce((SELECT sum(c.tax) FROM tax_lines c WHERE c.parent_id = s.id), 0)::int AS "reversedTax"
      FROM sale s ORDER BY s.created_at, s.id`;
  const [order] = await t.$queryRaw<{ country: string | null }[]>`
    SELECT shipping_address->>'country' AS country FROM orders WHERE id = ${r.orderId}::uuid`;
  const shares = reverseShares(
    lines.map((l) => ({ ...l, taxable: Number(l.taxable), tax: Number(l.tax) })),
    { taxable: r.taxable, tax: r.tax },
    defaultJurisdiction(order?.country),
  );
  if (!shares.length) return;
  const fx = await orderFx(t, r.orderId);
  const { currency: base } = await shopSettings(t);
  const rate = fx.rate ? parseRate(fx.rate) : null;
  const toBase = (amount: number) =>
    rate
      ? Number(convertMinor(BigInt(amount), rate, currencyDigits(fx.currency), currencyDigits(base)))
      : amount;
  const taxBase = await entryTaxMovement(t, r.entryId, ACCOUNTS.salesTax);
  const bases = baseTaxes(
    taxBase,
    shares.map((s) => s.tax),
  );
  const rows = shares.map((s, i) => ({
    kind: r.kind,
    entry_id: r.entryId,
    order_id: r.orderId,
    refund_id: r.refundId ?? null,
    parent_id: s.parentId,
    jurisdiction: s.jurisdiction,
    rate: s.rate,
    currency: fx.currency,
    taxable: s.taxable,
    tax: s.tax,
    base_taxable: toBase(s.taxable),
    base_tax: bases[i],
  }));
  await t.$executeRaw`
    INSERT INTO tax_lines (kind, entry_id, order_id, refund_id, parent_id, jurisdiction, rate, currency, taxable, tax,
                           base_taxable, base_tax)
    SELECT r.kind, r.entry_id, r.order_id, r.refund_id, r.parent_id, r.jurisdiction, r.rate,
      r.currency, r.taxable, r.tax,
           r.base_taxable, r.base_tax
      FROM jsonb_populate_recordset(NULL::tax_lines, ${JSON.stringify(rows)}::jsonb) r`;
}

/**
 * A supplier bill's reclaimable input tax as one tax line (kind input), written when the bill is
 * entered; posting it (at once, or when a manager approves it) sets the entry and the base amounts,
 * the base tax being the entry's input-tax debit.
 */
export async function recordBillInputTax(
  t: Tx,
  b: {
    billId: string;
    jurisdiction: string;
    rate: string | null;
    currency: string;
    taxable: number;
    tax: number;
  },
): Promise<void> {
  if (b.tax <= 0) return;
  await t.$executeRaw`
    INSERT INTO tax_lines (kind, bill_id, jurisdiction, rate, currency, taxable, tax, base_taxable, base_tax)
    VALUES ('input', ${b.billId}::uuid, ${b.jurisdiction}, ${b.rate}::numeric, ${b.currency},
      ${b.taxable}, ${b.tax}, 0, 0)`;
}

/** The bill's input-tax line posted: its entry, its base taxable and the entry's 1300 debit as base tax. */
export async function postBillInputTax(
  t: Tx,
  b: { billId: string; entryId: string | null; baseTaxable: number },
): Promise<void> {
  const baseTax = await entryTaxMovement(t, b.entryId, ACCOUNTS.inputTax);
  await t.$executeRaw`
    UPDATE tax_lines SET entry_id = ${b.entryId}::uuid, base_taxable = ${b.baseTaxable}, base_tax = ${baseTax}
     WHERE bill_id = ${b.billId}::uuid AND kind = 'input'`;
}
