import { currencyDigits } from '@/lib/money';
import type { EntryLine } from '@/lib/ledger/rules';

/**
 * Multi-currency rules (docs/decisions/037-fx-rates-and-base-amounts.md), pure and exact: rates are
 * decimal strings held as a bigint and a scale, never floats.
 *
 * A rate is "units of the shop's (base) currency per one unit of the foreign currency": an EUR
 * amount × 1.0842 = its USD amount. A line's base amount is round half-up (half away from zero) of
 * amount × rate, in the base currency's minor units; the entry's rounding difference goes on its last
 * line, so every entry balances in base to the minor unit. No line is ever added: rounding never
 * posts an FX line, and an entry in the base currency passes through unchanged.
 */

/** Digits a stored rate keeps (fx_rates.rate is numeric(20,10)). */
export const RATE_SCALE = 10;

export type Decimal = { n: bigint; scale: number };

const DECIMAL = /^(\d{1,10})(?:\.(\d{1,10}))?$/;

/** '1.0842' → { n: 10842n, scale: 4 }; null unless a positive decimal with ≤ 10 digits each side. */
export function parseRate(text: string): Decimal | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const frac = m[2] ?? '';
  const n = BigInt(m[1] + frac);
  return n > 0n ? { n, scale: frac.length } : null;
}

/** A decimal as text without trailing zeros: { n: 108420n, scale: 5 } → '1.0842'. */
export function formatRate(d: Decimal): string {
  const neg = d.n < 0n;
  const digits = (neg ? -d.n : d.n).toString().padStart(d.scale + 1, '0');
  const int = digits.slice(0, digits.length - d.scale);
  const frac = digits.slice(digits.length - d.scale).replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** a / b rounded half away from zero (b > 0). */
export function divRoundHalfUp(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= b) return a < 0n ? q - 1n : q + 1n;
  return q;
}

/**
 * An amount in `from` minor units at `rate` in `to` minor units, rounded half up:
 * amount × rate × 10^(digits(to) − digits(from)), e.g. 3,333 EUR cents × 1.0842 = 3,613.6386 → 3,614 USD cents.
 */
export function convertMinor(amount: bigint, rate: Decimal, fromDigits: number, toDigits: number): bigint {
  let num = amount * rate.n;
  let den = 10n ** BigInt(rate.scale);
  const shift = toDigits - fromDigits;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  return divRoundHalfUp(num, den);
}

/** The quotient of two rates at RATE_SCALE digits, rounded half up: cross rates from the ECB's per-EUR table. */
export function divideRates(a: Decimal, b: Decimal): Decimal {
  // (a.n / 10^a.s) / (b.n / 10^b.s) × 10^S = a.n × 10^(S + b.s) / (b.n × 10^a.s)
  const num = a.n * 10n ** BigInt(RATE_SCALE + b.scale);
  const den = b.n * 10n ** BigInt(a.scale);
  return { n: divRoundHalfUp(num, den), scale: RATE_SCALE };
}

/** One line in the transaction currency; converted, it keeps that amount beside its base amount. */
export type ForeignLine = { account: string; debit?: number; credit?: number; memo?: string };

export type ConvertedLine = EntryLine & {
  debit: number;
  credit: number;
  /** The line's own amount and currency, when that differs from the base currency. */
  txn?: { currency: string; debit: number; credit: number };
};

/**
 * An entry's lines in `currency` converted to `base` at `rate`: each line's base amount rounded half
 * up, then the rounding difference (Σ base debits − Σ base credits) taken off the last line, so the
 * entry balances in base. Lines must balance in their own currency. Same currency → the lines
 * unchanged (the rate must then be 1), with no transaction amounts and never an extra line.
 */
export function convertEntry(
  lines: ForeignLine[],
  fx: { currency: string; base: string; rate: Decimal },
): ConvertedLine[] {
  const own = lines
    .map((l) => ({ ...l, debit: l.debit ?? 0, credit: l.credit ?? 0 }))
    .filter((l) => l.debit !== 0 || l.credit !== 0);
  const ownDebit = own.reduce((s, l) => s + BigInt(l.debit), 0n);
  const ownCredit = own.reduce((s, l) => s + BigInt(l.credit), 0n);
  if (ownDebit !== ownCredit)
    throw new RangeError(`The entry does not balance in ${fx.currency}: ${ownDebit} ≠ ${ownCredit}`);
  if (fx.currency === fx.base) {
    if (fx.rate.n !== 10n ** BigInt(fx.rate.scale))
      throw new RangeError('A currency converts to itself at 1');
    return own.map((l) => ({ account: l.account, debit: l.debit, credit: l.credit, memo: l.memo }));
  }
  const fromDigits = currencyDigits(fx.currency);
  const toDigits = currencyDigits(fx.base);
  // Signed base amounts: debit positive, credit negative.
  const base = own.map((l) => convertMinor(BigInt(l.debit - l.credit), fx.rate, fromDigits, toDigits));
  const diff = base.reduce((s, b) => s + b, 0n);
  if (base.length) base[base.length - 1] -= diff;
  return own.map((l, i) => {
    const b = base[i];
    return {
      account: l.account,
      memo: l.memo,
      debit: b > 0n ? Number(b) : 0,
      credit: b < 0n ? Number(-b) : 0,
      txn: { currency: fx.currency, debit: l.debit, credit: l.credit },
    };
  });
}

/**
 * The carrying amount (base) of `amount` settled out of a foreign balance of `balance` (own currency)
 * carried at `carrying` (base): its proportional share, round half up — all of it when the whole
 * balance is settled, so a balance settled in parts leaves no base behind. Decision 035.
 */
export function carryingShare(carrying: bigint, balance: bigint, amount: bigint): bigint {
  if (balance === 0n) return 0n;
  if (amount === balance) return carrying;
  return divRoundHalfUp(carrying * amount, balance);
}

/** A foreign balance of one account as the books carry it: own-currency balance and base (debit positive). */
export type ForeignBalance = { account: string; currency: string; balance: bigint; carrying: bigint };

export type RevaluationLine = ForeignBalance & { rate: string; revalued: bigint; difference: bigint };

/**
 * Month-end revaluation of open foreign balances (IAS 21.23: monetary items at the closing rate):
 * each balance at the period's closing rate (round half up), the difference to its carrying amount
 * to unrealized exchange gain/loss. A balance already at that amount, or in the shop's currency,
 * gives no line: never an FX line between equal currencies.
 */
export function revaluationLines(
  balances: ForeignBalance[],
  rates: Map<string, Decimal>,
  base: string,
): RevaluationLine[] {
  const out: RevaluationLine[] = [];
  for (const b of balances) {
    if (b.currency === base) continue;
    const rate = rates.get(b.currency);
    if (!rate) continue;
    const revalued = convertMinor(b.balance, rate, currencyDigits(b.currency), currencyDigits(base));
    const difference = revalued - b.carrying;
    if (difference !== 0n) out.push({ ...b, rate: formatRate(rate), revalued, difference });
  }
  return out;
}
