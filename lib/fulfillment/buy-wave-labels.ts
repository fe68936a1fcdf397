import 'server-only';
import { db } from '@/lib/db';
import { AppError, toAppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { buyPackLabel, type PackLabel } from '@/lib/fulfillment/buy-pack-label';

export type WaveLabelResult =
  | ({ ok: true } & PackLabel)
  | { ok: false; order_id: string; order_number: number; pack_id: string | null; error: { code: string; message: string } };

/** The wave's parcels waiting for a label (packed), in tote order; and its orders with no parcel. */
export async function waveLabelTargets(waveId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(waveId)) throw new AppError('NOT_FOUND', 'That pick wave does not exist.');
  const wave = await db.pickWave.findUnique({ where: { id: waveId }, select: { id: true, number: true } });
  if (!wave) throw new AppError('NOT_FOUND', 'That pick wave does not exist.');
  const rows = await db.$queryRaw<{ order_id: string; order_number: number; position: number; pack_id: string | null; pack_status: string | null }[]>`
    SELECT DISTINCT ON (pt.order_id) pt.order_id::text, o.number AS order_number, pt.position, p.id::text AS pack_id, p.status AS pack_status
    FROM pick_tasks pt JOIN orders o ON o.id = pt.order_id
    LEFT JOIN order_packs p ON p.order_id = pt.order_id AND p.wave_id = pt.wave_id AND p.status <> 'voided'
    WHERE pt.wave_id = ${wave.id}::uuid
    ORDER BY pt.order_id, (p.status = 'packed') DESC NULLS LAST, p.number DESC`;
  rows.sort((a, b) => a.position - b.position);
  return { wave, rows };
}

/**
 * Batch labels for a wave: every packed parcel of the wave gets its label, each in its own
 * transaction, so one order's failure (an address no service reaches, a box too heavy) is reported
 * for that order and the rest succeed. Orders of the wave without a packed parcel are reported as
 * not packed; parcels already shipped are left alone.
 */
export async function buyWaveLabels(options: { waveId: string; actor: Actor }): Promise<{ wave_number: number; results: WaveLabelResult[] }> {
  const { wave, rows } = await waveLabelTargets(options.waveId);
  const results: WaveLabelResult[] = [];
  for (const r of rows) {
    if (r.pack_status === 'shipped') continue;
    if (r.pack_status !== 'packed' || !r.pack_id) {
      results.push({ ok: false, order_id: r.order_id, order_number: r.order_number, pack_id: null, error: { code: 'INVALID_STATE', message: `Order #${r.order_number} is not packed yet.` } });
      continue;
    }
    try {
      results.push({ ok: true, ...(await buyPackLabel({ packId: r.pack_id, actor: options.actor })) });
    } catch (e) {
      const err = toAppError(e);
      if (err.code === 'INTERNAL') console.error('[batch labels] order', r.order_number, e);
      results.push({ ok: false, order_id: r.order_id, order_number: r.order_number, pack_id: r.pack_id, error: { code: err.code, message: err.code === 'INTERNAL' ? 'Something went wrong buying this label.' : err.message } });
    }
  }
  return { wave_number: wave.number, results };
}
