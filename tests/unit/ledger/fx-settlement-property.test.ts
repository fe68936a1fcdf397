import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  carryingShare,
  convertEntry,
  convertMinor,
  parseRate,
  revaluationLines,
  type ConvertedLine,
  type Decimal,
  type ForeignBalance,
} from '@/lib/ledger/fx';
import { currencyDigits } from '@/lib/money';

/**
 * Property (decision 035), over thousands of generated event sequences in a USD shop — captures in
 * USD, EUR, GBP and JPY at their day's rate, refunds at the carried rate, payouts of part or all of
 * a processor balance at another rate, rate changes and month-end revaluations with their reversal —
 * posting with the rules the use cases use (convertEntry, carryingShare, revaluationLines):
 *   - every entry balances in base to the minor unit;
 *   - no FX line (7100/7200) ever concerns the shop's currency;
 *   - a balance settled in full leaves no base behind (carrying shares add up to the carrying amount);
 *   - realized + unrealized FX = the total rate effect: what reached the bank + the open balances at
 *     the closing rate − what was booked, per currency.
 */
const BASE = 'USD';
const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY'] as const;
type Currency = (typeof CURRENCIES)[number];

type Line = { account: string; debit: number; credit: number; txn?: ConvertedLine['txn'] };

const rateArb = fc
  .integer({ min: 1, max: 30_000 })
  .map((n) => parseRate((n / 10_000).toFixed(4))!)
  .filter(Boolean);

const event = fc.oneof(
  fc.record({
    kind: fc.constant('capture' as const),
    currency: fc.constantFrom(...CURRENCIES),
    amount: fc.integer({ min: 1, max: 2_000_000 }),
  }),
  fc.record({
    kind: fc.constant('refund' as const),
    currency: fc.constantFrom(...CURRENCIES),
    share: fc.integer({ min: 1, max: 100 }),
  }),
  fc.record({
    kind: fc.constant('payout' as const),
    currency: fc.constantFrom(...CURRENCIES),
    share: fc.integer({ min: 1, max: 100 }),
    bankRate: rateArb,
  }),
  fc.record({
    kind: fc.constant('rate' as const),
    currency: fc.constantFrom('EUR', 'GBP', 'JPY'),
    rate: rateArb,
  }),
  fc.record({ kind: fc.constant('month_end' as const) }),
);
type Event = typeof event extends fc.Arbitrary<infer T> ? T : never;

function run(events: Event[]) {
  const entries: Line[][] = [];
  const rates = new Map<Currency, Decimal>([
    ['EUR', parseRate('1.0842')!],
    ['GBP', parseRate('1.25')!],
    ['JPY', parseRate('0.0067')!],
  ]);
  // What each currency booked into clearing (base, net of refunds) and what reached the bank.
  const booked = new Map<string, bigint>();
  const banked = new Map<string, bigint>();
  let revaluation: Line[] | null = null;
  const rateOf = (c: Currency) => (c === BASE ? { n: 1n, scale: 0 } : rates.get(c)!);
  const post = (lines: Line[]) => entries.push(lines);

  /** Open clearing balance in a currency from the posted lines, revaluations left out (as fx-balances.ts). */
  const held = (c: Currency) => {
    let balance = 0n;
    let carrying = 0n;
    for (const e of entries)
      for (const l of e)
        if (l.account === '1010' && (l.txn?.currency ?? BASE) === c) {
          balance += BigInt(l.txn ? l.txn.debit - l.txn.credit : l.debit - l.credit);
          carrying += BigInt(l.debit - l.credit);
        }
    return { balance, carrying };
  };
  const carriedRates = new Map<Currency, Decimal>();
  const foreign = (
    c: Currency,
    lines: { account: string; debit?: number; credit?: number }[],
    rate: Decimal,
  ) => convertEntry(lines, { currency: c, base: BASE, rate }) as Line[];

  for (const e of events) {
    if (e.kind === 'rate') rates.set(e.currency, e.rate);
    else if (e.kind === 'capture') {
      const rate = rateOf(e.currency);
      carriedRates.set(e.currency, rate);
      const lines = foreign(
        e.currency,
        [
          { account: '1010', debit: e.amount },
          { account: '1100', credit: e.amount },
        ],
        rate,
      );
      post(lines);
      booked.set(e.currency, (booked.get(e.currency) ?? 0n) + BigInt(lines[0].debit));
    } else if (e.kind === 'refund') {
      const { balance } = held(e.currency);
      const amount = Number((balance * BigInt(e.share)) / 100n);
      const rate = carriedRates.get(e.currency);
      if (amount <= 0 || !rate) continue;
      const lines = foreign(
        e.currency,
        [
          { account: '4300', debit: amount },
          { account: '1010', credit: amount },
        ],
        rate,
      );
      post(lines);
      booked.set(e.currency, booked.get(e.currency)! - BigInt(lines[1].credit));
    } else if (e.kind === 'payout') {
      const { balance, carrying } = held(e.currency);
      const amount = e.share === 100 ? balance : (balance * BigInt(e.share)) / 100n;
      if (amount <= 0n) continue;
      const share = carryingShare(carrying, balance, amount);
      const bank =
        e.currency === BASE
          ? amount
          : convertMinor(amount, e.bankRate, currencyDigits(e.currency), currencyDigits(BASE));
      const diff = bank - share;
      const lines: Line[] = [
        { account: '1000', debit: Number(bank), credit: 0 },
        {
          account: '1010',
          debit: 0,
          credit: Number(share),
          ...(e.currency === BASE ? {} : { txn: { currency: e.currency, debit: 0, credit: Number(amount) } }),
        },
      ];
      if (diff !== 0n)
        lines.push({
          account: '7100',
          debit: diff < 0n ? Number(-diff) : 0,
          credit: diff > 0n ? Number(diff) : 0,
        });
      if (e.currency === BASE) expect(diff).toBe(0n);
      post(lines);
      banked.set(e.currency, (banked.get(e.currency) ?? 0n) + bank);
      if (amount === balance) expect(held(e.currency)).toEqual({ balance: 0n, carrying: 0n });
    } else {
      // Month end: the last revaluation is reversed (on the 1st), then the open balances revalued.
      const balances: ForeignBalance[] = CURRENCIES.filter((c) => c !== BASE)
        .map((c) => ({ account: '1010', currency: c, ...held(c) }))
        .filter((b) => b.balance !== 0n || b.carrying !== 0n);
      const lines = revaluationLines(balances, rates, BASE);
      const total = lines.reduce((s, l) => s + l.difference, 0n);
      revaluation = lines.length
        ? [
            ...lines.map((l) => ({
              account: '1010',
              debit: l.difference > 0n ? Number(l.difference) : 0,
              credit: l.difference < 0n ? Number(-l.difference) : 0,
              txn: { currency: l.currency, debit: 0, credit: 0 },
            })),
            {
              account: '7200',
              debit: total < 0n ? Number(-total) : 0,
              credit: total > 0n ? Number(total) : 0,
            },
          ]
        : null;
      expect(lines.every((l) => l.currency !== BASE)).toBe(true);
    }
  }

  // Every entry balances in base; FX lines only where a foreign currency is involved.
  for (const lines of [...entries, ...(revaluation ? [revaluation] : [])]) {
    expect(lines.reduce((s, l) => s + l.debit - l.credit, 0)).toBe(0);
    if (lines.some((l) => l.account === '7100' || l.account === '7200'))
      expect(lines.some((l) => l.txn && l.txn.currency !== BASE)).toBe(true);
  }
  // realized + unrealized = Σ banked + open balances at the closing rate − Σ booked (all currencies).
  const fxNet = (account: string, lines: Line[][]) =>
    lines.flat().reduce((s, l) => s + (l.account === account ? BigInt(l.credit - l.debit) : 0n), 0n);
  const realized = fxNet('7100', entries);
  const unrealized = revaluation ? fxNet('7200', [revaluation]) : 0n;
  let effect = 0n;
  let openAtCarrying = 0n;
  for (const c of CURRENCIES) {
    const { balance, carrying } = held(c);
    const closing =
      revaluation && c !== BASE && (balance !== 0n || carrying !== 0n)
        ? convertMinor(balance, rates.get(c)!, currencyDigits(c), currencyDigits(BASE))
        : carrying;
    effect += (banked.get(c) ?? 0n) + closing - (booked.get(c) ?? 0n);
    openAtCarrying += carrying;
  }
  // The revaluation only counts when it was the last month end (no capture after it): otherwise
  // it has been reversed and the open balances sit at their carrying amount.
  return { realized, unrealized, effect, openAtCarrying, revalued: revaluation !== null };
}

describe('foreign-currency settlement and revaluation (property)', () => {
  it('balances in base, never posts FX between equal currencies, and realized + unrealized = the rate effect', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 25 }), (events) => {
        // Revaluations reflect the state at the month end: end every sequence with one, so the
        // unrealized part measures the balances as they are at the end.
        const { realized, unrealized, effect } = run([...events, { kind: 'month_end' }]);
        expect(realized + unrealized).toBe(effect);
      }),
      { numRuns: 3_000 },
    );
  });
});
