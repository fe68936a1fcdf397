import ExcelJS from 'exceljs';
import { currencyDigits, formatMoney } from '@/lib/money';
import { drawLine, PageFlow, PAGE_SIZES, renderPdf, rule, type Doc } from '@/lib/documents/layout';
import {
  PL_SECTION_LABELS,
  type PlColumn,
  profitAndLossTable,
  type BalanceSheet,
  type ColumnStep,
  type PlTableRow,
  type ProfitAndLoss,
} from '@/lib/ledger/statements';

/**
 * The P&L and the balance sheet as XLSX (ExcelJS) and PDF (pdfkit, lib/documents/layout.ts), the same
 * rows as the screen and the CSV (profitAndLossTable). Pure: statements in, file bytes out. In XLSX
 * the amounts are numbers in major units with the currency's decimals, so a spreadsheet can add them.
 */

export type PlReport = {
  total: ProfitAndLoss;
  months: PlColumn[];
  previous: ProfitAndLoss;
  step: ColumnStep;
};

const major = (minor: number, currency: string) => minor / 10 ** currencyDigits(currency);
const numberFormat = (currency: string) => {
  const digits = currencyDigits(currency);
  return digits ? `#,##0.${'0'.repeat(digits)};-#,##0.${'0'.repeat(digits)}` : '#,##0;-#,##0';
};

function rowLabel(r: PlTableRow): string {
  return r.code ? `${r.code} ${r.label}` : r.label;
}

async function xlsx(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The P&L workbook: one sheet, a column per month or quarter, the range and the comparison period. */
export async function profitAndLossXlsx(report: PlReport): Promise<Uint8Array> {
  const { total, months, previous } = report;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Backroom';
  const sheet = workbook.addWorksheet('Profit and loss');
  sheet.addRow([`Profit and loss, ${total.from} to ${total.to} (${total.currency})`]).font = { bold: true };
  const header = sheet.addRow([
    'Section',
    'Account',
    ...months.map((m) => m.label),
    `${total.from} to ${total.to}`,
    `${previous.from} to ${previous.to}`,
  ]);
  header.font = { bold: true };
  for (const r of profitAndLossTable(total, months, previous)) {
    const row = sheet.addRow([
      r.section ? PL_SECTION_LABELS[r.section] : '',
      rowLabel(r),
      ...r.months.map((m) => major(m, total.currency)),
      major(r.total, total.currency),
      major(r.previous, total.currency),
    ]);
    if (r.kind !== 'account') row.font = { bold: true };
  }
  const fmt = numberFormat(total.currency);
  for (let c = 3; c <= months.length + 4; c++) sheet.getColumn(c).numFmt = fmt;
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 36;
  return xlsx(workbook);
}

type BsRow = { section: string; label: string; amount: number; bold?: boolean };

/** The balance sheet's rows: each side's accounts and total, equity with retained and current-year earnings. */
export function balanceSheetRows(bs: BalanceSheet): BsRow[] {
  const side = (section: string, s: BalanceSheet['assets']) =>
    s.accounts.map((a) => ({ section, label: `${a.code} ${a.name}`, amount: a.amount }));
  return [
    ...side('Assets', bs.assets),
    { section: 'Assets', label: 'Total assets', amount: bs.assets.total, bold: true },
    ...side('Liabilities', bs.liabilities),
    { section: 'Liabilities', label: 'Total liabilities', amount: bs.liabilities.total, bold: true },
    ...side('Equity', bs.equity),
    {
      section: 'Equity',
      label: `Retained earnings (before ${bs.fiscal_year_start})`,
      amount: bs.retained_earnings,
    },
    {
      section: 'Equity',
      label: `Current-year earnings (since ${bs.fiscal_year_start})`,
      amount: bs.current_year_earnings,
    },
    { section: 'Equity', label: 'Total equity', amount: bs.equity.total, bold: true },
    {
      section: '',
      label: 'Total liabilities and equity',
      amount: bs.liabilities.total + bs.equity.total,
      bold: true,
    },
  ];
}

export async function balanceSheetXlsx(bs: BalanceSheet): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Backroom';
  const sheet = workbook.addWorksheet('Balance sheet');
  sheet.addRow([`Balance sheet as of ${bs.as_of} (${bs.currency})`]).font = { bold: true };
  sheet.addRow(['Section', 'Account', `As of ${bs.as_of}`]).font = { bold: true };
  for (const r of balanceSheetRows(bs)) {
    const row = sheet.addRow([r.section, r.label, major(r.amount, bs.currency)]);
    if (r.bold) row.font = { bold: true };
  }
  sheet.getColumn(3).numFmt = numberFormat(bs.currency);
  sheet.getColumn(1).width = 14;
  sheet.getColumn(2).width = 44;
  sheet.getColumn(3).width = 18;
  return xlsx(workbook);
}

type PdfRow = { label: string; amounts: string[]; bold?: boolean; indent?: boolean; ruleAbove?: boolean };

/** A statement as a letter-size PDF: a title, a header of amount columns, then the rows. */
function statementPdf(
  title: string,
  subtitle: string,
  headings: string[],
  rows: PdfRow[],
): Promise<Uint8Array> {
  return renderPdf(title, (doc: Doc) => {
    const amountWidth = 110;
    const flow = new PageFlow(doc, PAGE_SIZES.letter, { top: 48, bottom: 56, left: 48, right: 48 }, (f) => {
      drawLine(doc, title, f.left, f.y, { size: 14, bold: true, width: f.width });
      f.y += 20;
      drawLine(doc, subtitle, f.left, f.y, { size: 9, width: f.width, color: '#475569' });
      f.y += 18;
      headings.forEach((h, i) => {
        const x = f.right - amountWidth * (headings.length - i);
        drawLine(doc, h, x, f.y, { size: 9, bold: true, width: amountWidth, align: 'right', minSize: 7 });
      });
      f.y += 14;
      rule(doc, f.left, f.right, f.y);
      f.y += 6;
    });
    for (const r of rows) {
      flow.ensure(16);
      if (r.ruleAbove) rule(doc, flow.left, flow.right, flow.y - 2, 0.5);
      const labelWidth = flow.width - amountWidth * headings.length;
      drawLine(doc, r.label, flow.left + (r.indent ? 12 : 0), flow.y, {
        size: 10,
        bold: r.bold,
        width: labelWidth - (r.indent ? 12 : 0),
      });
      r.amounts.forEach((a, i) => {
        const x = flow.right - amountWidth * (r.amounts.length - i);
        drawLine(doc, a, x, flow.y, { size: 10, bold: r.bold, width: amountWidth, align: 'right' });
      });
      flow.y += 16;
    }
    flow.stampPageNumbers(title);
  });
}

/** The P&L as PDF: the range and the comparison period (month columns stay in XLSX and CSV). */
export function profitAndLossPdf(report: PlReport, shopName: string): Promise<Uint8Array> {
  const { total, months, previous } = report;
  const money = (n: number) => formatMoney(n, total.currency);
  const rows = profitAndLossTable(total, months, previous).map((r) => ({
    label: rowLabel(r),
    amounts: [money(r.total), money(r.previous)],
    bold: r.kind !== 'account',
    indent: r.kind === 'account',
    ruleAbove: r.kind === 'gross_profit' || r.kind === 'net_income',
  }));
  return statementPdf(
    `Profit and loss, ${total.from} to ${total.to}`,
    `${shopName} · in ${total.currency} · compared with ${previous.from} to ${previous.to}`,
    ['This period', 'Comparison'],
    rows,
  );
}

export function balanceSheetPdf(bs: BalanceSheet, shopName: string): Promise<Uint8Array> {
  const rows = balanceSheetRows(bs).map((r) => ({
    label: r.label,
    amounts: [formatMoney(r.amount, bs.currency)],
    bold: r.bold,
    indent: !r.bold,
    ruleAbove: r.bold,
  }));
  return statementPdf(
    `Balance sheet as of ${bs.as_of}`,
    `${shopName} · in ${bs.currency} · fiscal year from ${bs.fiscal_year_start}`,
    [`As of ${bs.as_of}`],
    rows,
  );
}
