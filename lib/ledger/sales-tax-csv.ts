import { stringify } from 'csv-stringify/sync';
import { toDecimalString } from '@/lib/money';
import { csvText } from '@/lib/csv';
import type { SalesTaxReport } from '@/lib/ledger/sales-tax';

/**
 * The sales-tax report as CSV (the Sales tax screen's Export): one row per jurisdiction and rate,
 * the rate as its decimal fraction, amounts as plain decimals in the shop's currency, then the total.
 */
export function salesTaxCsv(report: SalesTaxReport): string {
  const money = (amount: number) => toDecimalString(amount, report.currency);
  const figures = (f: SalesTaxReport['total']) => [
    money(f.taxable),
    money(f.tax_collected),
    money(f.tax_refunded),
    money(f.input_tax),
    money(f.net),
  ];
  return stringify(
    [
      ...report.lines.map((l) => [
        csvText(l.jurisdiction ?? 'Other postings (no tax line)'),
        l.rate ?? '',
        ...figures(l),
      ]),
      ['Total', '', ...figures(report.total)],
    ],
    {
      bom: true,
      header: true,
      columns: [
        'Jurisdiction',
        'Rate',
        `Taxable (${report.currency})`,
        `Tax collected (${report.currency})`,
        `Tax refunded (${report.currency})`,
        `Input tax (${report.currency})`,
        `Net payable (${report.currency})`,
      ],
      record_delimiter: 'windows',
    },
  );
}
