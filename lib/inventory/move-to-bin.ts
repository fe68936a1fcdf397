import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { lockLevel, resolveLocation, resolveSkus } from '@/lib/inventory/stock';
import { ZMoveBinInput, type TMoveBinInput } from '@/lib/inventory/schemas';

/**
 * Moves a SKU's stock at a location to another bin. Backroom keeps one bin per SKU and location
 * (a fixed-location warehouse; see docs/decisions/004-inventory-costing-and-ledger.md), so the whole quantity moves.
 */
export async function moveToBin(options: { input: TMoveBinInput; actor: Actor }) {
  const input = ZMoveBinInput.parse(options.input);
  return db.$transaction(async (t) => {
    const location = await resolveLocation(t, input.location, 'location');
    const variant = (await resolveSkus(t, [{ sku: input.sku, field: 'sku' }])).get(input.sku)!;
    const bin = await t.bin.findUnique({
      where: { locationId_code: { locationId: location.id, code: input.bin } },
      select: { id: true, code: true },
    });
    if (!bin)
      throw new AppError('VALIDATION_FAILED', `No bin "${input.bin}" at ${location.code}`, [
        { field: 'bin', message: `No bin "${input.bin}" at ${location.code}` },
      ]);
    const level = await lockLevel(t, variant.id, location.id);
    const before = level.binId
      ? await t.bin.findUnique({ where: { id: level.binId }, select: { code: true } })
      : null;
    await t.stockLevel.update({ where: { id: level.id }, data: { binId: bin.id }, select: { id: true } });
    const result = {
      sku: input.sku,
      location: location.code,
      bin: bin.code,
      previous_bin: before?.code ?? null,
    };
    await audit(t, {
      actor: options.actor,
      action: 'stock.bin_moved',
      entityType: 'variant',
      entityId: variant.id,
      before: { bin: before?.code ?? null },
      after: result,
    });
    return result;
  });
}
