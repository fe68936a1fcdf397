import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { columnDateFormat, orderNumberOf, readDate, readPayoutReport } from '@/lib/ledger/payout-report';
import {
  columnLabel,
  fiscalYearBounds,
  fiscalYearEnd,
  fiscalYearStart,
  statementColumns,
} from '@/lib/ledger/statements';
import { AppError } from '@/lib/errors';

function issues(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.details;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('import dates', () => {
  it('finds the format from the values, or refuses an ambiguous column by name', () => {
    expect(columnDateFormat(['2026-11-30', '2026-11-01 14:05:00 -0500'], 'Date')).toBe('ymd');
    expect(columnDateFormat(['30/11/2026', '01/11/2026'], 'Date')).toBe('dmy'); // 30 is no month
    expect(columnDateFormat(['11/30/2026', '11/01/2026'], 'Date')).toBe('mdy'); // 30 is no month
    expect(issues(() => columnDateFormat(['03/04/2026', '05/06/2026'], 'Booking date'))).toEqual([
      {
        field: 'date_format',
        message:
          'Column "Booking date" is ambiguous (e.g. 03/04/2026): choose day/month/year or month/day/year',
      },
    ]);
    expect(columnDateFormat(['03/04/2026'], 'Date', 'dmy')).toBe('dmy');
    expect(readDate('03/04/2026', 'dmy', { column: 'Date', row: 2 })).toBe('2026-04-03');
    expect(readDate('3/4/2026', 'mdy', { column: 'Date', row: 2 })).toBe('2026-03-04');
    expect(issues(() => readDate('2026-02-30', 'ymd', { column: 'Date', row: 7 }))).toEqual([
      { field: 'csv', message: 'Row 7, column "Date": "2026-02-30" is not a ymd date' },
    ]);
  });

  it('reads any valid day back in every format', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const [y, m, day] = iso.split('-');
          expect(readDate(iso, 'ymd', { column: 'D', row: 2 })).toBe(iso);
          expect(readDate(`${day}/${m}/${y}`, 'dmy', { column: 'D', row: 2 })).toBe(iso);
          expect(readDate(`${m}/${day}/${y}`, 'mdy', { column: 'D', row: 2 })).toBe(iso);
        },
      ),
    );
  });

  it('finds the order a line names', () => {
    expect(orderNumberOf('#1001')).toBe(1001);
    expect(orderNumberOf('Payment for Order #1002')).toBe(1002);
    expect(orderNumberOf('order 1003')).toBe(1003);
    expect(orderNumberOf('Radar for Fraud Teams')).toBeNull();
  });

  it('reads Shopify columns by name in any case and order, the net from amount − fee when blank', () => {
    const csv = 'CURRENCY,net,Amount,Fee,Order,TYPE,Transaction Date\nUSD,,10.00,0.59,#7,charge,2026-11-02';
    const report = readPayoutReport({ format: 'shopify', csv });
    expect(report.lines).toEqual([
      expect.objectContaining({ kind: 'charge', order_number: 7, amount: 1_000, fee: 59, net: 941 }),
    ]);
    expect(report).toMatchObject({ net: 941, paid_on: '2026-11-02', currency: 'USD' });
  });
});

describe('fiscal years and columns', () => {
  it('starts the fiscal year in its month', () => {
    expect(fiscalYearStart('2026-03-10')).toBe('2026-01-01');
    expect(fiscalYearStart('2026-03-10', 7)).toBe('2025-07-01');
    expect(fiscalYearStart('2026-07-01', 7)).toBe('2026-07-01');
    expect(fiscalYearEnd('2025-07-01')).toBe('2026-06-30');
    expect(fiscalYearBounds(2026, 7)).toEqual({ start: '2025-07-01', end: '2026-06-30' });
    expect(fiscalYearBounds(2025, 1)).toEqual({ start: '2025-01-01', end: '2025-12-31' });
  });

  it('splits a range into months or fiscal quarters that cover it exactly', () => {
    expect(statementColumns('2026-02-15', '2026-07-10', 'quarter')).toEqual([
      { from: '2026-02-15', to: '2026-03-31' },
      { from: '2026-04-01', to: '2026-06-30' },
      { from: '2026-07-01', to: '2026-07-10' },
    ]);
    expect(statementColumns('2026-01-01', '2026-12-31', 'quarter', 2).map((c) => c.from)).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-05-01',
      '2026-08-01',
      '2026-11-01',
    ]);
    expect(columnLabel('2026-04-01', '2026-06-30', 'quarter')).toBe('Q2 2026');
    expect(columnLabel('2026-02-15', '2026-03-31', 'quarter')).toBe('Q1 2026 (2026-02-15 – 2026-03-31)');
    // A fiscal year from April, named by the year it ends in (decision 047): April 2026 – March 2027 is
    // FY2027, its quarters Apr–Jun (Q1) … Jan–Mar (Q4), the months shown as Q1 alone reads as Jan–Mar.
    expect(columnLabel('2026-04-01', '2026-06-30', 'quarter', 4)).toBe('Q1 FY2027 (Apr–Jun 2026)');
    expect(columnLabel('2027-01-01', '2027-03-31', 'quarter', 4)).toBe('Q4 FY2027 (Jan–Mar 2027)');
    // From November: Nov 2026 – Jan 2027 is Q1 of FY2027, across a calendar year.
    expect(columnLabel('2026-11-01', '2027-01-31', 'quarter', 11)).toBe('Q1 FY2027 (Nov 2026–Jan 2027)');
    expect(columnLabel('2026-05-10', '2026-06-30', 'quarter', 4)).toBe('Q1 FY2027 (2026-05-10 – 2026-06-30)');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 0, max: 800 }),
        fc.constantFrom('month' as const, 'quarter' as const),
        fc.integer({ min: 1, max: 12 }),
        (start, length, step, fsm) => {
          const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10);
          const [from, to] = [day(start), day(start + length)];
          const cols = statementColumns(from, to, step, fsm);
          expect(cols[0].from).toBe(from);
          expect(cols[cols.length - 1].to).toBe(to);
          for (let i = 1; i < cols.length; i++)
            expect(new Date(`${cols[i].from}T00:00:00Z`).getTime() - 86_400_000).toBe(
              new Date(`${cols[i - 1].to}T00:00:00Z`).getTime(),
            );
        },
      ),
    );
  });
});
