'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requirePermission } from '@/lib/auth/require-permission';
import { userActor } from '@/lib/auth/session';
import { action, callAction } from '@/lib/server-action';
import { toAppError } from '@/lib/errors';
import { createPickWave } from '@/lib/fulfillment/create-pick-wave';
import { recordPick } from '@/lib/fulfillment/record-pick';
import { shortPick } from '@/lib/fulfillment/short-pick';
import { waveDetail, type WaveDetail } from '@/lib/fulfillment/wave-queries';
import { packStationOrder, type PackStationOrder } from '@/lib/fulfillment/pack-queries';
import { packOrder } from '@/lib/fulfillment/pack-order';
import { buyPackLabel, type PackLabel } from '@/lib/fulfillment/buy-pack-label';
import { voidLabel } from '@/lib/fulfillment/void-label';
import { quotePack, type PackChoice } from '@/lib/fulfillment/quote-pack';
import type { TPackOrderInput, TShortPickInput } from '@/lib/fulfillment/schemas';
import { formText, formTexts } from '@/lib/form-data';

/** "Start scanner pick" from the queue (the selected orders) or the ship page (one order). */
export async function startWaveAction(formData: FormData): Promise<void> {
  const user = await requirePermission('fulfillment:write');
  const ids = formTexts(formData, 'orders')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  let waveId: string;
  try {
    waveId = (await createPickWave({ orderIds: ids, actor: userActor(user) })).id;
  } catch (error) {
    const e = toAppError(error);
    if (e.code === 'INTERNAL') console.error('[action] start wave failed', error);
    const message = e.code === 'INTERNAL' ? 'The pick could not be started. Try again.' : e.message;
    redirect(`/fulfillment?wave_error=${encodeURIComponent(message)}`);
  }
  revalidatePath('/fulfillment/waves');
  redirect(`/fulfillment/waves/${waveId}`);
}

/** The wave as the pick screen shows it (after every scan, and every few seconds for other devices' picks). */
export const waveStateAction = callAction<[waveId: string], WaveDetail>(
  { permission: 'fulfillment:write' },
  async (_ctx, waveId) => {
    const wave = await waveDetail(waveId);
    if (!wave) throw new Error('wave vanished');
    return { message: '', data: wave };
  },
);

/** One unit scanned at a stop. */
export const pickUnitAction = callAction<[waveId: string, sku: string], WaveDetail & { tote: string }>(
  { permission: 'fulfillment:write' },
  async ({ actor }, waveId, sku) => {
    const r = await recordPick({ waveId, input: { sku }, actor });
    return { message: `1 × ${sku} → tote ${r.tote}`, data: { ...(await waveDetail(waveId))!, tote: r.tote } };
  },
);

export const shortPickAction = callAction<[waveId: string, input: TShortPickInput], WaveDetail>(
  { permission: 'fulfillment:write' },
  async ({ actor }, waveId, input) => {
    const r = await shortPick({ waveId, input, actor });
    return {
      message: `${r.units} × ${r.sku} marked short (${r.action === 'backorder' ? 'backorder' : 'kept reserved'}).`,
      data: (await waveDetail(waveId))!,
    };
  },
);

/** A tote or order number scanned at the pack station. */
export const packLookupAction = callAction<[code: string], PackStationOrder>(
  { permission: 'fulfillment:write' },
  async (_ctx, code) => {
    const order = await packStationOrder({ code });
    return { message: `Order #${order.number}`, data: order };
  },
);

export const packOrderAction = callAction<
  [orderId: string, input: TPackOrderInput],
  { pack_id: string; number: number }
>({ permission: 'fulfillment:write' }, async ({ actor }, orderId, input) => {
  const pack = await packOrder({ orderId, input, actor });
  return {
    message: `Parcel closed${pack.override_reason ? ' with a manager override' : ''}.`,
    data: { pack_id: pack.id, number: pack.number },
  };
});

/** The service a closed parcel would ship by and its arrival, shown before "Buy label" (decision 031). */
export const packChoiceAction = callAction<[packId: string], PackChoice>(
  { permission: 'fulfillment:write' },
  async (_ctx, packId) => {
    const choice = await quotePack(packId);
    return { message: choice.key ? `${choice.carrier} ${choice.service}` : 'No service', data: choice };
  },
);

/**
 * Buys the label of a packed parcel (the pack station, and each step of a wave's batch): the service
 * shown (`service`), or the preselection when none is given.
 */
export const buyPackLabelAction = callAction<[packId: string, service?: string], PackLabel>(
  { permission: 'fulfillment:write' },
  async ({ actor }, packId, service?) => {
    const label = await buyPackLabel({ packId, service, actor });
    revalidatePath('/fulfillment');
    return {
      message:
        `${label.already_bought ? 'Label already bought' : 'Label bought'}: ${label.carrier} ${label.service}, ` +
        `tracking ${label.tracking_number}.`,
      data: label,
    };
  },
);

/** "Void label" on the ship page: before the carrier has the parcel. */
export const voidLabelAction = action({ permission: 'fulfillment:write' }, async ({ actor, formData }) => {
  const r = await voidLabel({
    shipmentId: formText(formData, 'shipmentId'),
    input: { reason: formText(formData, 'reason') },
    actor,
  });
  revalidatePath(`/fulfillment/orders/${r.order_id}`);
  revalidatePath('/fulfillment');
  return {
    message:
      `Label of shipment #${r.shipment_number} ` +
      `voided: ${r.restored.map((x) => `${x.quantity} × ${x.sku}`).join(', ')} ` +
      `back on the shelf and reserved for order #${r.order_number}.`,
  };
});
