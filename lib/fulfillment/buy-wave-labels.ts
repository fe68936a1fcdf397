import 'server-only';
import { AppError, toAppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { buyPackLabel, type PackLabel } from '@/lib/fulfillment/buy-pack-label';
import { waveLabelRows } from '@/lib/fulfillment/wave-queries';

export type WaveLabelResult =
  | ({ ok: true } & PackLabel)
  | {
      ok: false;
      order_id: string;
      order_number: number;
      pack_id: string | null;
      error: { code: string; message: string };
    };

/**
 * Batch labels for a wave: every packed parcel of the wave gets its label, each in its own
 * transaction, so one order's failure (an address no service reaches, a box too heavy) is reported
 * for that order and the rest succeed. Orders of the wave without a packed parcel are reported as
 * not packed; parcels already shipped are left alone.
 */
export async function buyWaveLabels(options: {
  waveId: string;
  actor: Actor;
}): Promise<{ wave_number: number; results: WaveLabelResult[] }> {
  const wave = await waveLabelRows(options.waveId);
  if (!wave) throw new AppError('NOT_FOUND', 'That pick wave does not exist.');
  const rows = wave.rows;
  const results: WaveLabelResult[] = [];
  for (const r of rows) {
    if (r.pack_status === 'shipped') continue;
    if (r.pack_status !== 'packed' || !r.pack_id) {
      results.push({
        ok: false,
        order_id: r.order_id,
        order_number: r.order_number,
        pack_id: null,
        error: { code: 'INVALID_STATE', message: `Order #${r.order_number} is not packed yet.` },
      });
      continue;
    }
    try {
      results.push({ ok: true, ...(await buyPackLabel({ packId: r.pack_id, actor: options.actor })) });
    } catch (e) {
      const err = toAppError(e);
      if (err.code === 'INTERNAL') console.error('[batch labels] order', r.order_number, e);
      results.push({
        ok: false,
        order_id: r.order_id,
        order_number: r.order_number,
        pack_id: r.pack_id,
        error: {
          code: err.code,
          message: err.code === 'INTERNAL' ? 'Something went wrong buying this label.' : err.message,
        },
      });
    }
  }
  return { wave_number: wave.number, results };
}
