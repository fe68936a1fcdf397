import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { shopSettings } from '@/lib/settings/queries';
import { currencyDigits, formatMoney } from '@/lib/money';
import { convertMinor, formatRate, parseRate } from '@/lib/ledger/fx';
import type { PayoutReport, ReportLine } from '@/lib/ledger/payout-report';

/** How a report line was matched: to a captured payment, an issued refund, or nothing. */
export type MatchedLine = ReportLine & {
  status: 'matched' | 'unmatched';
  /** 'payment' or 'refund' and its id, when matched. */
  match: { kind: 'payment' | 'refund'; id: string; order_number: number } | null;
  /** What this line moved in our clearing account (1010) when we booked it: capture − our fee, −refund. */
  expected: number;
  /** Why it did not match, or what differs (a fee other than ours). */
  note: string | null;
};

export type PayoutPreview = {
  format: PayoutReport['format'];
  sha256: string;
  reference: string;
  currency: string;
  paid_on: string;
  /** What the processor paid out. */
  net: number;
  /** Σ expected of the matched lines: what our books carry for them in clearing. */
  expected: number;
  /** net − expected: unmatched lines and fee differences; goes to 1090 Processor clearing differences. */
  residual: number;
  matched: number;
  unmatched: number;
  lines: MatchedLine[];
  /** The import that already holds this file or payout reference (then posting changes nothing). */
  already_imported: { id: string; reference: string } | null;
  /** The lock date that would refuse posting on paid_on, or null. */
  locked_through: string | null;
  /**
   * A report in another currency than the shop's (decision 047): the rate of paid_on (or the last
   * before) and the net in the shop's currency at it, what the payout books Dr Bank. Null otherwise.
   */
  fx: { base: string; rate: string; rate_date: string; bank_amount: number } | null;
};

/**
 * Matches each line of a payout report to our books (decision 043): a charge to a captured payment of
 * the named order with the same amount, a refund to an issued refund of the order with the same
 * amount, each of ours used once and never one an earlier import matched. A charge's expected
 * clearing movement is its amount less the fee we booked; a processor fee other than ours stays
 * matched with a note, the difference in the residual. Fees, adjustments and lines naming no order
 * are unmatched: their net is the residual. A report in another currency matches the payments and
 * refunds in that currency; its rate comes from the rate table (payoutRate). Reads only.
 */
export async function matchPayoutReport(report: PayoutReport, tx: Tx = db): Promise<PayoutPreview> {
  const settings = await shopSettings(tx);
  const fx = report.currency === settings.currency ? null : await payoutRate(report, settings.currency, tx);
  const numbers = [
    ...new Set(report.lines.map((l) => l.order_number).filter((n): n is number => n !== null)),
  ];
  const orders = numbers.length
    ? await tx.order.findMany({
        where: { number: { in: numbers } },
        select: {
          id: true,
          number: true,
          payments: {
            where: { status: { in: ['captured', 'refunded'] } },
            select: { id: true, amount: true, feeAmount: true, currency: true },
            orderBy: { createdAt: 'asc' },
          },
          refunds: {
            where: { status: 'issued' },
            select: { id: true, amount: true, currency: true },
            orderBy: { number: 'asc' },
          },
        },
      })
    : [];
  const byNumber = new Map(orders.map((o) => [o.number, o]));
  const ids = orders.flatMap((o) => [...o.payments.map((p) => p.id), ...o.refunds.map((r) => r.id)]);
  const taken = new Set(
    ids.length
      ? (
          await tx.$queryRaw<{ id: string }[]>`
            SELECT l->'match'->>'id' AS id
            FROM payout_imports i, jsonb_array_elements(i.lines) l
            WHERE l->'match'->>'id' = ANY(${ids})`
        ).map((r) => r.id)
      : [],
  );
  const money = (n: number) => formatMoney(n, report.currency);
  const lines: MatchedLine[] = report.lines.map((l) => {
    const unmatched = (note: string): MatchedLine => ({
      ...l,
      status: 'unmatched',
      match: null,
      expected: 0,
      note,
    });
    if (l.kind !== 'charge' && l.kind !== 'refund')
      return unmatched(`A ${l.type || 'line'} of no capture or refund`);
    if (l.order_number === null) return unmatched('Names no order');
    const order = byNumber.get(l.order_number);
    if (!order) return unmatched(`No order #${l.order_number}`);
    if (l.kind === 'charge') {
      const payment = order.payments.find(
        (p) => p.amount === l.amount && p.currency === report.currency && !taken.has(p.id),
      );
      if (!payment)
        return unmatched(`Order #${order.number} has no open captured payment of ${money(l.amount)}`);
      taken.add(payment.id);
      return {
        ...l,
        status: 'matched',
        match: { kind: 'payment', id: payment.id, order_number: order.number },
        expected: payment.amount - payment.feeAmount,
        note:
          payment.feeAmount === l.fee
            ? null
            : `Fee ${money(l.fee)} at the processor, ${money(payment.feeAmount)} booked`,
      };
    }
    const refund = order.refunds.find(
      (r) => r.amount === -l.amount && r.currency === report.currency && !taken.has(r.id),
    );
    if (!refund) return unmatched(`Order #${order.number} has no open issued refund of ${money(-l.amount)}`);
    taken.add(refund.id);
    return {
      ...l,
      status: 'matched',
      match: { kind: 'refund', id: refund.id, order_number: order.number },
      expected: -refund.amount,
      note: null,
    };
  });
  const expected = lines.reduce((s, l) => s + l.expected, 0);
  const existing = await tx.payoutImport.findFirst({
    where: { OR: [{ fileSha256: report.sha256 }, { reference: report.reference }] },
    select: { id: true, reference: true },
  });
  const lock = [settings.lock_date, settings.lock_date_all]
    .filter((d): d is string => d !== null)
    .sort()
    .pop();
  return {
    format: report.format,
    sha256: report.sha256,
    reference: report.reference,
    currency: report.currency,
    paid_on: report.paid_on,
    net: report.net,
    expected,
    residual: report.net - expected,
    matched: lines.filter((l) => l.status === 'matched').length,
    unmatched: lines.filter((l) => l.status === 'unmatched').length,
    lines,
    already_imported: existing,
    locked_through: lock && report.paid_on <= lock ? lock : null,
    fx,
  };
}

/**
 * The rate a foreign payout report converts at (decision 047): paid_on's, or the last before it, from
 * the rate table; none → 422 naming the currency and the row the payout date was read from.
 */
async function payoutRate(
  report: PayoutReport,
  base: string,
  tx: Tx,
): Promise<NonNullable<PayoutPreview['fx']>> {
  const [row] = await tx.$queryRaw<{ rate: string; date: string }[]>`
    SELECT trim_scale(rate)::text AS rate, to_char(date, 'YYYY-MM-DD') AS date FROM fx_rates
    WHERE currency = ${report.currency} AND date <= ${report.paid_on}::date
    ORDER BY date DESC LIMIT 1`;
  if (!row)
    throw new AppError(
      'VALIDATION_FAILED',
      `No ${report.currency} exchange rate on or before ${report.paid_on}`,
      [
        {
          field: 'csv',
          message:
            `Row ${report.paid_on_row}: the payout is in ${report.currency}, paid ${report.paid_on}; ` +
            `enter a ${report.currency} rate for that day or earlier (Ledger → Exchange rates), then import again`,
        },
      ],
    );
  const rate = parseRate(row.rate)!;
  return {
    base,
    rate: formatRate(rate),
    rate_date: row.date,
    bank_amount: Number(
      convertMinor(BigInt(report.net), rate, currencyDigits(report.currency), currencyDigits(base)),
    ),
  };
}
