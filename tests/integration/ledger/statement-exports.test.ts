import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { db } from '@/lib/db';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { balanceSheet, profitAndLossApi, profitAndLossReport } from '@/lib/ledger/queries';
import { profitAndLossCsv } from '@/lib/ledger/csv';
import {
  balanceSheetPdf,
  balanceSheetXlsx,
  profitAndLossPdf,
  profitAndLossXlsx,
} from '@/lib/ledger/statement-files';
import type { EntryLine } from '@/lib/ledger/rules';
import { makeLocations, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';

/** XLSX and PDF statements (decision 043), opened again and read: the figures must be the statements'. */
async function post(at: string, lines: EntryLine[]) {
  await db.$transaction((tx) =>
    postJournalEntry(tx, {
      memo: 'export',
      source: { type: 'manual' },
      actor,
      lines,
      postedAt: new Date(at),
    }),
  );
}

async function pdfLines(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    const items = content.items
      .filter((i): i is Extract<typeof i, { str: string }> => 'str' in i && i.str.trim() !== '')
      .map((i) => ({ str: i.str, x: i.transform[4], y: i.transform[5] }));
    const rows: { y: number; parts: { str: string; x: number }[] }[] = [];
    for (const it of items.sort((a, b) => b.y - a.y || a.x - b.x)) {
      const row = rows.find((r) => Math.abs(r.y - it.y) <= 3);
      if (row) row.parts.push(it);
      else rows.push({ y: it.y, parts: [it] });
    }
    out.push(
      ...rows.map((r) =>
        r.parts
          .sort((a, b) => a.x - b.x)
          .map((p) => p.str)
          .join(' '),
      ),
    );
  }
  return out;
}

async function sheetRows(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.slice().buffer);
  const ws = wb.worksheets[0];
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: ws.name, rows };
}

beforeAll(async () => {
  await makeLocations();
  await db.$executeRaw`TRUNCATE journal_lines, journal_entries, kpi_fact_deltas CASCADE`;
  // Q1 2026 (UTC shop): January sale 1,234.56 with COGS 400.00; March fees 12.34.
  // Q4 2025: a sale of 500.00 (the year-earlier comparison is Q1 2025: nothing).
  await post('2025-11-10T12:00:00Z', [
    { account: '1010', debit: 50_000 },
    { account: '4000', credit: 50_000 },
  ]);
  await post('2026-01-20T12:00:00Z', [
    { account: '1010', debit: 123_456 },
    { account: '4000', credit: 123_456 },
    { account: '5000', debit: 40_000 },
    { account: '1200', credit: 40_000 },
  ]);
  await post('2026-03-05T12:00:00Z', [
    { account: '5200', debit: 1_234 },
    { account: '1010', credit: 1_234 },
  ]);
});

describe('P&L files', () => {
  it('XLSX: a column per quarter, the range and the comparison, as numbers in dollars', async () => {
    const report = await profitAndLossReport({ from: '2025-10-01', to: '2026-03-31', columns: 'quarter' });
    const { name, rows } = await sheetRows(await profitAndLossXlsx(report));
    expect(name).toBe('Profit and loss');
    expect(rows[0]).toEqual(['Profit and loss, 2025-10-01 to 2026-03-31 (USD)']);
    expect(rows[1]).toEqual([
      'Section',
      'Account',
      'Q4 2025',
      'Q1 2026',
      '2025-10-01 to 2026-03-31',
      // the previous period of equal length: 182 days before 2025-10-01
      '2025-04-02 to 2025-09-30',
    ]);
    const row = (label: string) => rows.find((r) => r[1] === label)!.slice(2);
    expect(row('4000 Sales revenue')).toEqual([500, 1234.56, 1734.56, 0]); // 500.00 + 1,234.56
    expect(row('Gross profit')).toEqual([500, 834.56, 1334.56, 0]); // 1,734.56 − 400.00
    expect(row('Net income')).toEqual([500, 822.22, 1322.22, 0]); // 1,334.56 − 12.34
  });

  it('quarters of a fiscal year from April: headings in the API, CSV and XLSX count from April', async () => {
    await db.shopSettings.update({ where: { id: 1 }, data: { fiscalYearStartMonth: 4 } });
    try {
      // 2025-10-01 … 2026-03-31 with an April start: FY2026 runs 2025-04-01 … 2026-03-31, so October to
      // December is its third quarter and January to March its fourth. The figures are the same
      // columns as in the calendar year (the quarters happen to be the same months).
      const report = await profitAndLossReport({ from: '2025-10-01', to: '2026-03-31', columns: 'quarter' });
      expect(report.months.map((m) => m.label)).toEqual([
        'Q3 FY2026 (Oct–Dec 2025)',
        'Q4 FY2026 (Jan–Mar 2026)',
      ]);
      const { rows } = await sheetRows(await profitAndLossXlsx(report));
      expect(rows[1].slice(2, 4)).toEqual(['Q3 FY2026 (Oct–Dec 2025)', 'Q4 FY2026 (Jan–Mar 2026)']);
      expect(rows.find((r) => r[1] === 'Net income')!.slice(2, 4)).toEqual([500, 822.22]);
      const csv = profitAndLossCsv(report.total, report.months, report.previous);
      expect(csv.split('\r\n')[0]).toBe(
        '\uFEFFSection,Code,Account,Q3 FY2026 (Oct–Dec 2025),Q4 FY2026 (Jan–Mar 2026),' +
          '2025-10-01 to 2026-03-31 (USD),2025-04-02 to 2025-09-30 (USD)',
      );
      // A range cut across a fiscal quarter: 2026-02-01 … 2026-07-31 is the end of Q4 FY2026, Q1 FY2027
      // (April–June 2026) and the start of Q2 FY2027.
      const api = await profitAndLossApi({ from: '2026-02-01', to: '2026-07-31', columns: 'quarter' });
      expect(api.columns!.map((c) => [c.from, c.to, c.label])).toEqual([
        ['2026-02-01', '2026-03-31', 'Q4 FY2026 (2026-02-01 – 2026-03-31)'],
        ['2026-04-01', '2026-06-30', 'Q1 FY2027 (Apr–Jun 2026)'],
        ['2026-07-01', '2026-07-31', 'Q2 FY2027 (2026-07-01 – 2026-07-31)'],
      ]);
    } finally {
      await db.shopSettings.update({ where: { id: 1 }, data: { fiscalYearStartMonth: 1 } });
    }
  });

  it('PDF: the rows with the range and the comparison figures', async () => {
    const report = await profitAndLossReport({
      from: '2026-01-01',
      to: '2026-03-31',
      compare: 'previous_year',
    });
    const lines = await pdfLines(await profitAndLossPdf(report, 'Test shop'));
    expect(lines[0]).toBe('Profit and loss, 2026-01-01 to 2026-03-31');
    expect(lines).toContain('4000 Sales revenue $1,234.56 $0.00');
    expect(lines).toContain('Gross profit $834.56 $0.00');
    expect(lines).toContain('Net income $822.22 $0.00');
  });
});

describe('balance sheet files', () => {
  it('XLSX and PDF show each side, the earnings and the totals', async () => {
    const bs = await balanceSheet({ asOf: '2026-03-31' });
    // assets: 1010 = 500.00 + 1,234.56 − 12.34 = 1,722.22; 1200 = −400.00 → 1,322.22
    // equity: retained (2025) 500.00 + current (Q1 2026) 822.22 = 1,322.22
    const { rows } = await sheetRows(await balanceSheetXlsx(bs));
    const value = (label: string) => rows.find((r) => r[1] === label)![2];
    expect(value('1010 Payment processor clearing')).toBe(1722.22);
    expect(value('Total assets')).toBe(1322.22);
    expect(value('Retained earnings (before 2026-01-01)')).toBe(500);
    expect(value('Current-year earnings (since 2026-01-01)')).toBe(822.22);
    expect(value('Total liabilities and equity')).toBe(1322.22);
    const lines = await pdfLines(await balanceSheetPdf(bs, 'Test shop'));
    expect(lines).toContain('Total assets $1,322.22');
    expect(lines).toContain('Total liabilities and equity $1,322.22');
  });
});
