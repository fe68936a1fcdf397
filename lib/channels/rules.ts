import { csvText } from '@/lib/csv';
import type { ImportedOrder } from '@/lib/channels/imported-order';
import type { PaymentStatus } from '@/lib/orders/rules';

/**
 * Pure rules of channels: what an imported history order becomes here, and available to sell.
 * Shared by the import, its tests and the settings screen.
 */

/** The guest customer of a channel's imported orders without an email (POS and guest checkouts). */
export function guestEmail(channel: string): string {
  return `guest+${channel}@imported.invalid`;
}

type HistoryState = {
  status: 'open' | 'on_hold' | 'fulfilled' | 'cancelled';
  paymentStatus: PaymentStatus;
  holdReason: string | null;
  /** captured minus refunded, within 0…total */
  amountPaid: number;
  /** units of each line shipped at the source (all or none) */
  fulfilled: boolean;
};

/**
 * An order recorded as history keeps its source's state and never becomes work here: cancelled at
 * the source → cancelled; fulfilled → fulfilled; anything else (unfulfilled, partial) → on hold with
 * the reason "imported history", so it stays out of the fulfillment queue (which takes open and
 * partially fulfilled orders) and nobody ships it twice.
 */
export function historyState(
  o: Pick<ImportedOrder, 'cancelledAt' | 'fulfillmentStatus' | 'financialStatus' | 'total' | 'refunded'>,
  source: string,
): HistoryState {
  const financial = o.financialStatus;
  const captured = ['paid', 'partially_refunded', 'refunded'].includes(financial) ? o.total : 0;
  const amountPaid = Math.max(0, Math.min(o.total, captured - o.refunded));
  const paymentStatus =
    financial === 'refunded' || (captured > 0 && o.refunded >= captured)
      ? 'refunded'
      : financial === 'partially_refunded' || (captured > 0 && o.refunded > 0)
        ? 'partially_refunded'
        : financial === 'paid'
          ? 'paid'
          : financial === 'authorized'
            ? 'authorized'
            : financial === 'partially_paid'
              ? 'partially_paid'
              : 'unpaid';
  if (o.cancelledAt)
    return { status: 'cancelled', paymentStatus, holdReason: null, amountPaid, fulfilled: false };
  if (o.fulfillmentStatus === 'fulfilled')
    return { status: 'fulfilled', paymentStatus, holdReason: null, amountPaid, fulfilled: true };
  return {
    status: 'on_hold',
    paymentStatus,
    holdReason: `Imported history: ${o.fulfillmentStatus || 'unfulfilled'} at ${source}; not work to do here`,
    amountPaid,
    fulfilled: false,
  };
}

export type ChannelListing = { bufferUnits: number; listPercent: number; maxListed: number | null };

/** listed = min(max, ⌊(available − buffer) × percent ÷ 100⌋), never below 0. */
export function listedUnits(available: number, s: ChannelListing): number {
  const base = Math.floor(((available - s.bufferUnits) * s.listPercent) / 100);
  const capped = s.maxListed === null ? base : Math.min(s.maxListed, base);
  return Math.max(0, capped);
}

/** An import's errors as CSV: row, column, message (cells quoted; text a spreadsheet cannot run). */
export function importErrorsCsv(errors: { row: number; column: string; message: string }[]): string {
  const cell = (v: string) => {
    const safe = csvText(v);
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return (
    ['row,column,message', ...errors.map((e) => `${e.row},${cell(e.column)},${cell(e.message)}`)].join(
      '\r\n',
    ) + '\r\n'
  );
}
