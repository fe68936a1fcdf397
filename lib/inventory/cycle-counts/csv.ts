import { stringify } from 'csv-stringify/sync';
import { toDecimalString } from '@/lib/money';
import { csvText } from '@/lib/csv';
import type { CountReview } from '@/lib/inventory/cycle-counts/queries';

export const COUNT_CSV_COLUMNS = [
  'Count',
  'Location',
  'Status',
  'Bin',
  'SKU',
  'Item',
  'Expected at start',
  'Expected',
  'Counted',
  'Variance',
  'Value',
  'Currency',
  'Value is',
  'Counted at',
  'Counted by',
] as const;

/**
 * A count sheet with its expected and counted quantities (reviewers only: it is not blind). Value is
 * the change to inventory value in major units: an estimate until the count is completed, then as posted.
 */
export function countCsv(review: CountReview): string {
  return stringify(
    review.lines.map((l) => [
      String(review.number),
      review.location,
      review.status,
      l.bin_code ?? '',
      csvText(l.sku),
      csvText(l.name),
      l.expected_at_start === null ? '' : String(l.expected_at_start),
      l.expected === null ? '' : String(l.expected),
      l.counted === null ? '' : String(l.counted),
      l.variance === null ? '' : String(l.variance),
      toDecimalString(l.value, review.currency),
      review.currency,
      review.status === 'completed' ? 'posted' : 'estimate',
      l.counted_at ?? '',
      csvText(l.counted_by ?? ''),
    ]),
    { bom: true, header: true, columns: [...COUNT_CSV_COLUMNS], record_delimiter: 'windows' },
  );
}
