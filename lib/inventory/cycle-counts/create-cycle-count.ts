import 'server-only';
import { db, type Tx } from '@/lib/db';
import { AppError, validationError } from '@/lib/errors';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { resolveLocation, resolveSkus, type ResolvedVariant } from '@/lib/inventory/stock';
import { ZCreateCycleCountInput, type TCreateCycleCountInput } from '@/lib/inventory/cycle-counts/schemas';
import { countScopeDescription } from '@/lib/inventory/cycle-counts/rules';

export type CreatedCycleCount = {
  id: string;
  number: number;
  location: string;
  scope_description: string;
  lines: number;
};

/**
 * Creates a draft count sheet for a location: one line per stock level in scope (the given bins and/or
 * SKUs; none given = the whole location), plus a line for each named SKU that has no level there yet
 * (the counter may find some). Expected quantities are not read now: they are snapshotted when counting
 * starts and read again, under the level's lock, when each line is counted (decision 017).
 */
export async function createCycleCount(
  options: { input: TCreateCycleCountInput; actor: Actor },
  tx?: Tx,
): Promise<CreatedCycleCount> {
  const parsed = ZCreateCycleCountInput.safeParse(options.input);
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;
  const run = async (t: Tx): Promise<CreatedCycleCount> => {
    const location = await resolveLocation(t, input.location, 'location');
    const bins = [...new Set(input.bins)];
    const skus = [...new Set(input.skus)];
    const binRows = bins.length
      ? await t.bin.findMany({
          where: { locationId: location.id, code: { in: bins } },
          select: { id: true, code: true },
        })
      : [];
    const missingBins = bins
      .map((code, i) => ({ code, i }))
      .filter((b) => !binRows.some((r) => r.code === b.code));
    if (missingBins.length) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Unknown bin${missingBins.length > 1 ? 's' : ''} ` +
          `at ${location.code}: ${missingBins.map((b) => b.code).join(', ')}`,
        missingBins.map((b) => ({ field: `bins.${b.i}`, message: `No bin "${b.code}" at ${location.code}` })),
      );
    }
    const variants = skus.length
      ? await resolveSkus(
          t,
          skus.map((sku, i) => ({ sku, field: `skus.${i}` })),
        )
      : new Map<string, ResolvedVariant>();

    const levels = await t.stockLevel.findMany({
      where: {
        locationId: location.id,
        ...(bins.length ? { binId: { in: binRows.map((b) => b.id) } } : {}),
        ...(skus.length ? { variantId: { in: [...variants.values()].map((v) => v.id) } } : {}),
        // Archived SKUs with nothing on hand are not worth a walk.
        OR: [{ onHand: { not: 0 } }, { variant: { status: 'active' } }],
      },
      select: {
        variantId: true,
        binId: true,
        variant: { select: { sku: true } },
        bin: { select: { code: true } },
      },
    });
    const lines = levels.map((l) => ({
      variantId: l.variantId,
      sku: l.variant.sku,
      binId: l.binId,
      binCode: l.bin?.code ?? null,
    }));
    if (!bins.length)
      for (const v of variants.values())
        if (!lines.some((l) => l.variantId === v.id))
          lines.push({ variantId: v.id, sku: v.sku, binId: null, binCode: null });
    if (!lines.length) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Nothing to count: no stock at ${location.code} in that scope`,
        [
          {
            field: bins.length ? 'bins' : skus.length ? 'skus' : 'location',
            message: 'No stock levels in this scope',
          },
        ],
      );
    }

    const scope = countScopeDescription(bins, skus);
    const count = await t.cycleCount.create({
      data: {
        locationId: location.id,
        scopeDescription: scope,
        scopeBins: bins,
        scopeSkus: skus,
        note: input.note ?? null,
        createdById: options.actor.id,
        createdBy: options.actor.label,
        lines: { createMany: { data: lines } },
      },
      select: { id: true, number: true },
    });
    const result = {
      id: count.id,
      number: count.number,
      location: location.code,
      scope_description: scope,
      lines: lines.length,
    };
    await audit(t, {
      actor: options.actor,
      action: 'cycle_count.created',
      entityType: 'cycle_count',
      entityId: count.id,
      after: result,
    });
    return result;
  };
  return tx ? run(tx) : db.$transaction(run);
}
