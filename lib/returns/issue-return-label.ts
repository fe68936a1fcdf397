import 'server-only';
import { randomInt } from 'node:crypto';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr } from '@/lib/ledger/rules';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { quoteShipment } from '@/lib/shipping/quote-shipment';
import { chooseQuote } from '@/lib/shipping/rules';

/** Box assumed for a return parcel: the customer reuses what they have; weight is what we know. */
const RETURN_BOX = { length_mm: 300, width_mm: 220, height_mm: 150, tare_grams: 250 };
/** Weight counted for a unit whose variant has no weight on file. */
const UNKNOWN_UNIT_GRAMS = 500;

/** Estimated weight of a return parcel: its units' variant weights plus the box. */
export async function returnParcelGrams(tx: Tx, returnId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ grams: number }[]>`
    SELECT COALESCE(SUM(rl.quantity * COALESCE(v.weight_grams, ${UNKNOWN_UNIT_GRAMS})), 0)::int AS grams
    FROM return_lines rl JOIN variants v ON v.id = rl.variant_id WHERE rl.return_id = ${returnId}::uuid`;
  return row.grams + RETURN_BOX.tare_grams;
}

/**
 * Buys a prepaid return label with the shipping rates (the cheapest service that can take the
 * parcel, from the customer's address — zones are symmetric — to the warehouse), stores it on the
 * return and posts its cost (Dr Shipping expense / Cr Accounts payable to the carrier), like an
 * outbound label. The PDF is drawn on demand by lib/documents/label from what is stored.
 */
export async function issueReturnLabel(
  tx: Tx,
  r: { id: string; number: number; orderId: string },
  actor: Actor,
) {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: r.orderId },
    select: { shippingAddress: true },
  });
  const weight = await returnParcelGrams(tx, r.id);
  const quotes = await quoteShipment(
    {
      toAddress: order.shippingAddress as { postal_code: string; country: string },
      packages: [
        {
          length_mm: RETURN_BOX.length_mm,
          width_mm: RETURN_BOX.width_mm,
          height_mm: RETURN_BOX.height_mm,
          weight_grams: weight,
        },
      ],
    },
    tx,
  );
  let chosen;
  try {
    chosen = chooseQuote(quotes, null);
  } catch {
    throw new AppError(
      'VALIDATION_FAILED',
      'No carrier service can take this return; approve it without a label.',
      [{ field: 'issue_label', message: 'No carrier service can take this return' }],
    );
  }
  const digits = Array.from({ length: 15 }, () => randomInt(10)).join('');
  const tracking = `${chosen.carrier.slice(0, 2).toUpperCase()}R${digits}`;
  const cost = chosen.price ?? 0;
  await tx.return.update({
    where: { id: r.id },
    data: {
      labelCarrier: chosen.carrier_name,
      labelService: chosen.service_name,
      labelTrackingNumber: tracking,
      labelCost: cost,
    },
    select: { id: true },
  });
  await postJournalEntry(tx, {
    memo: `Return label ${tracking} (${chosen.carrier_name} ${chosen.service_name}), return #${r.number}`,
    source: { type: 'return', id: r.id },
    actor,
    lines: [dr(ACCOUNTS.shippingExpense, cost), cr(ACCOUNTS.payable, cost)],
  });
  return {
    carrier: chosen.carrier_name,
    service: chosen.service_name,
    tracking_number: tracking,
    cost,
    weight_grams: weight,
  };
}
