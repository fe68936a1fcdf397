import { stringify } from 'csv-stringify/sync';
import { formatInTimeZone } from 'date-fns-tz';
import { toDecimalString } from '@/lib/money';
import type { OrderRow } from '@/lib/orders/queries';
import { csvText } from '@/lib/csv';

export const ORDER_CSV_COLUMNS = [
  'Number',
  'Placed at',
  'Status',
  'Payment status',
  'Channel',
  'Customer',
  'Email',
  'Items',
  'Total',
  'Currency',
  'Risk level',
  'Risk score',
] as const;

/**
 * One chunk of the order list export. The first chunk carries a UTF-8 byte-order mark (so Excel
 * reads accents) and the header; later chunks only rows. Placed-at is the shop's local time with its
 * UTC offset (`2026-11-21T18:05:00-05:00`), totals plain decimals in major units.
 */
export function orderCsvChunk(rows: OrderRow[], timeZone: string, first: boolean): string {
  return stringify(
    rows.map((r) => [
      String(r.number),
      formatInTimeZone(new Date(r.placed_at), timeZone, "yyyy-MM-dd'T'HH:mm:ssXXX"),
      r.status,
      r.payment_status,
      r.channel,
      csvText(r.customer),
      csvText(r.email),
      String(r.items),
      toDecimalString(r.total, r.currency),
      r.currency,
      r.risk_level,
      String(r.risk_score),
    ]),
    { bom: first, header: first, columns: [...ORDER_CSV_COLUMNS], record_delimiter: 'windows' },
  );
}
