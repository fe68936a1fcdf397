import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  convertEntry,
  convertMinor,
  divideRates,
  formatRate,
  parseRate,
  type ForeignLine,
} from '@/lib/ledger/fx';
import { ecbDate, parseEcbCsv } from '@/lib/ledger/ecb';
import { balancedLines } from '@/lib/ledger/rules';

const rate = (t: string) => parseRate(t)!;

describe('convertEntry (base = round half-up of amount × rate per line, difference on the last line)', () => {
  it('converts an EUR order at 1.0842 whose three credit lines round differently', () => {
    const lines = convertEntry(
      [
        { account: '1010', debit: 6843 },
        { account: '4000', credit: 3333 },
        { account: '4100', credit: 2500 },
        { account: '2100', credit: 1010 },
      ],
      { currency: 'EUR', base: 'USD', rate: rate('1.0842') },
    );
    // Dr clearing 68.43 EUR × 1.0842 = 74.191806 → 7,419 cents
    // Cr sales    33.33 × 1.0842 = 36.136386 → 3,614 (rounded up)
    // Cr shipping 25.00 × 1.0842 = 27.105    → 2,711 (exactly half: rounded up)
    // Cr tax      10.10 × 1.0842 = 10.95042  → 1,095 (rounded down)
    // Credits 3,614 + 2,711 + 1,095 = 7,420 ≠ 7,419: the 1 cent goes on the last line → tax 1,094.
    expect(lines.map((l) => [l.account, l.debit, l.credit])).toEqual([
      ['1010', 7419, 0],
      ['4000', 0, 3614],
      ['4100', 0, 2711],
      ['2100', 0, 1094],
    ]);
    expect(lines.map((l) => l.txn)).toEqual([
      { currency: 'EUR', debit: 6843, credit: 0 },
      { currency: 'EUR', debit: 0, credit: 3333 },
      { currency: 'EUR', debit: 0, credit: 2500 },
      { currency: 'EUR', debit: 0, credit: 1010 },
    ]);
    expect(() => balancedLines(lines)).not.toThrow();
  });

  it('keeps a line whose base rounds to zero while it settles a foreign amount (decision 047)', () => {
    // 0.01 EUR of a bill carried at 12,000 USD cents for 30,000 EUR cents: its carrying share
    // 12,000 × 1 / 30,000 = 0.4 → 0, paid at 1.3 → 1.3 → 1 cent from the bank, all of it exchange loss.
    // The payable line is kept (0/0 in base, 0.01 EUR), so the bill's EUR balance goes down by 0.01.
    expect(
      balancedLines([
        { account: '2000', debit: 0, txn: { currency: 'EUR', debit: 1, credit: 0 } },
        { account: '7100', debit: 1 },
        { account: '1000', credit: 1 },
      ]).map((l) => [l.account, l.debit, l.credit, l.txn ?? null]),
    ).toEqual([
      ['2000', 0, 0, { currency: 'EUR', debit: 1, credit: 0 }],
      ['7100', 1, 0, null],
      ['1000', 0, 1, null],
    ]);
    // A zero line without a foreign amount is still dropped.
    expect(
      balancedLines([
        { account: '7100', debit: 0 },
        { account: '1000', credit: 0 },
      ]),
    ).toEqual([]);
  });

  it('posts nothing when no line moves the base currency, even with a foreign amount', () => {
    // 0.01 of a currency at 0.0200 USD: carrying share 0, bank 1 × 0.02 = 0.02 → 0 cents, exchange
    // difference 0 − 0 = 0. Only the payable's foreign amount is left: an entry of one line cannot
    // stand (the database wants two), and it moves nothing in USD, so there is no entry.
    expect(
      balancedLines([
        { account: '2000', debit: 0, txn: { currency: 'MXN', debit: 1, credit: 0 } },
        { account: '7100', debit: 0 },
        { account: '1000', credit: 0 },
      ]),
    ).toEqual([]);
  });

  it('scales between currencies with different minor units', () => {
    // 1,000 JPY (0 digits) at 0.0066719 USD/JPY = 6.6719 USD → 667 cents.
    expect(convertMinor(1000n, rate('0.0066719'), 0, 2)).toBe(667n);
    // 12.34 USD at 149.5 JPY/USD = 1,844.83 JPY → 1,845 yen.
    expect(convertMinor(1234n, rate('149.5'), 2, 0)).toBe(1845n);
    // Half away from zero on both sides: ±2,500 × 1.0842 = ±2,710.5 → ±2,711.
    expect(convertMinor(-2500n, rate('1.0842'), 2, 2)).toBe(-2711n);
  });

  it('passes an entry in the base currency through unchanged', () => {
    const lines = [
      { account: '1010', debit: 500 },
      { account: '4000', credit: 500 },
    ];
    expect(convertEntry(lines, { currency: 'USD', base: 'USD', rate: rate('1') })).toEqual([
      { account: '1010', debit: 500, credit: 0, memo: undefined },
      { account: '4000', debit: 0, credit: 500, memo: undefined },
    ]);
    expect(() => convertEntry(lines, { currency: 'USD', base: 'USD', rate: rate('1.1') })).toThrow(
      RangeError,
    );
  });

  const CURRENCIES = ['USD', 'EUR', 'JPY', 'GBP', 'KWD'] as const;
  const ACCOUNTS = ['1010', '1100', '2100', '4000', '4100', '5200'];
  /** A balanced entry: n positive debits, then credits splitting the same total. */
  const entry = fc
    .tuple(
      fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 1, maxLength: 6 }),
      fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 6 }),
    )
    .map(([debits, weights]): ForeignLine[] => {
      const total = debits.reduce((s, d) => s + d, 0);
      const sumW = weights.reduce((s, w) => s + w, 0);
      const credits = weights.map((w) => Math.floor((total * w) / sumW));
      credits[credits.length - 1] += total - credits.reduce((s, c) => s + c, 0);
      return [
        ...debits.map((d, i) => ({ account: ACCOUNTS[i % ACCOUNTS.length], debit: d })),
        ...credits
          .map((c, i) => ({ account: ACCOUNTS[(i + 3) % ACCOUNTS.length], credit: c }))
          // A zero share is no line (convertEntry drops zero lines, as balancedLines does).
          .filter((l) => l.credit > 0),
      ];
    });
  const rateText = fc
    .tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 9_999_999 }))
    .filter(([i, f]) => i > 0 || f > 0)
    .map(([i, f]) => `${i}.${String(f).padStart(7, '0')}`);

  it('property: every converted entry balances in base to the minor unit, keeps its lines and amounts', () => {
    fc.assert(
      fc.property(
        entry,
        fc.constantFrom(...CURRENCIES),
        fc.constantFrom(...CURRENCIES),
        rateText,
        (lines, currency, base, text) => {
          const r = currency === base ? rate('1') : rate(text);
          const out = convertEntry(lines, { currency, base, rate: r });
          const debit = out.reduce((s, l) => s + BigInt(l.debit), 0n);
          const credit = out.reduce((s, l) => s + BigInt(l.credit), 0n);
          expect(debit).toBe(credit);
          // Never an extra (FX or rounding) line: the same accounts in the same order.
          expect(out.map((l) => l.account)).toEqual(lines.map((l) => l.account));
          if (currency === base) {
            // No FX between equal currencies: amounts unchanged, no transaction amounts.
            expect(out.every((l) => l.txn === undefined)).toBe(true);
            expect(out.map((l) => l.debit - l.credit)).toEqual(
              lines.map((l) => (l.debit ?? 0) - (l.credit ?? 0)),
            );
          } else {
            expect(out.map((l) => l.txn!.debit - l.txn!.credit)).toEqual(
              lines.map((l) => (l.debit ?? 0) - (l.credit ?? 0)),
            );
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('property: every line but the last is exactly the rounded conversion; the last absorbs < n/2 + 1 units', () => {
    fc.assert(
      fc.property(entry, rateText, (lines, text) => {
        const r = rate(text);
        const out = convertEntry(lines, { currency: 'EUR', base: 'USD', rate: r });
        const exact = lines.map((l) => convertMinor(BigInt((l.debit ?? 0) - (l.credit ?? 0)), r, 2, 2));
        out.slice(0, -1).forEach((l, i) => expect(BigInt(l.debit - l.credit)).toBe(exact[i]));
        const last = out[out.length - 1];
        const drift = BigInt(last.debit - last.credit) - exact[exact.length - 1];
        // Each rounding is off by at most half a unit, so the sum of n−1 of them by (n−1)/2.
        expect(Number(drift < 0n ? -drift : drift) * 2).toBeLessThanOrEqual(lines.length - 1);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('rates as exact decimals', () => {
  it('parses, formats and divides without floats', () => {
    expect(parseRate('1.0842')).toEqual({ n: 10842n, scale: 4 });
    expect(parseRate('0')).toBeNull();
    expect(parseRate('-1.2')).toBeNull();
    expect(parseRate('1e3')).toBeNull();
    expect(formatRate({ n: 108420n, scale: 5 })).toBe('1.0842');
    // USD per JPY from the per-EUR table: 1.0842 / 162.5 = 0.006671999999… → 0.0066720000 (10 places).
    expect(formatRate(divideRates(rate('1.0842'), rate('162.5')))).toBe('0.006672');
    // EUR per USD: 1 / 1.0842 = 0.92233905183…  → 0.9223390518.
    expect(formatRate(divideRates(rate('1'), rate('1.0842')))).toBe('0.9223390518');
  });
});

describe('the ECB reference-rate CSV', () => {
  it('reads the daily file (spaced header, long dates, trailing comma) into rates to a USD shop', () => {
    const csv = 'Date, USD, JPY, GBP, \n02 December 2026, 1.0842, 162.50, 0.8571, \n';
    const { rates, problems } = parseEcbCsv(csv, 'USD');
    expect(problems).toEqual([]);
    // EUR = 1.0842 USD; JPY = 1.0842 / 162.50 = 0.006672; GBP = 1.0842 / 0.8571 = 1.26496324816…
    expect(rates).toEqual([
      { date: '2026-12-02', currency: 'EUR', rate: '1.0842' },
      { date: '2026-12-02', currency: 'JPY', rate: '0.006672' },
      { date: '2026-12-02', currency: 'GBP', rate: '1.2649632482' },
    ]);
  });

  it('reads the history file (ISO dates, N/A) into rates to a EUR shop', () => {
    const csv = 'Date,USD,JPY,CYP,\n2026-12-01,1.0800,N/A,N/A,\n2026-11-30,1.0750,161.20,,\n';
    const { rates, problems } = parseEcbCsv(csv, 'EUR');
    expect(problems).toEqual([]);
    // 1 / 1.08 = 0.925925925925… → 0.9259259259; 1 / 1.075 = 0.93023255813… → 0.9302325581;
    // 1 / 161.2 = 0.00620347394… → 0.0062034739.
    expect(rates).toEqual([
      { date: '2026-12-01', currency: 'USD', rate: '0.9259259259' },
      { date: '2026-11-30', currency: 'USD', rate: '0.9302325581' },
      { date: '2026-11-30', currency: 'JPY', rate: '0.0062034739' },
    ]);
  });

  it('names the rows it cannot read', () => {
    const { problems } = parseEcbCsv('Date,USD\nyesterday,1.08\n2026-12-01,abc\n2026-12-02,\n', 'USD');
    expect(problems).toEqual([
      { row: 2, message: '"yesterday" is not a date' },
      { row: 3, message: 'USD: "abc" is not a rate' },
      { row: 4, message: 'No USD quote on 2026-12-02' },
    ]);
    expect(parseEcbCsv('Currency,USD\n', 'USD').problems[0].message).toMatch(/Date/);
    expect(ecbDate('2 Dec 2026')).toBe('2026-12-02');
    expect(ecbDate('31 February 2026')).toBeNull();
  });
});
