import 'server-only';
import { db, type Tx } from '@/lib/db';
import { auditReturn } from '@/lib/returns/audit-return';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { ACCOUNTS } from '@/lib/ledger/accounts';
import { cr, dr, type EntryLine } from '@/lib/ledger/rules';
import { postJournalEntry } from '@/lib/ledger/post-entry';
import { applyMovement, lockLevel } from '@/lib/inventory/stock';
import { receiveAtCost } from '@/lib/inventory/cost-store';
import { linesOfSku, lockReturn, returnLinesOf, type LockedReturn } from '@/lib/returns/lock-return';
import {
  canInspect,
  nextReturnStatus,
  slice,
  spreadQuantity,
  type Disposition,
  type ReturnStatus,
} from '@/lib/returns/rules';
import { returnDetail, type ReturnDto } from '@/lib/returns/queries';
import { ZInspectReturnInput, type TInspectReturnInput } from '@/lib/returns/schemas';

type Unitwork = {
  returnLineId: string;
  orderLineId: string;
  variantId: string;
  sku: string;
  quantity: number;
  disposition: Disposition;
};

/**
 * Gives received units their disposition, moving stock and value (docs/decisions/012):
 * - restock: back to sellable stock at the cost recorded when the units shipped —
 *   Dr Inventory / Cr COGS (the sale's cost of goods is reversed), a cost layer at that cost;
 * - damaged: into the damaged (unsellable) bucket at the same cost, same entry; a later scrap
 *   adjustment writes it off as shrinkage like any damaged stock;
 * - scrap: never comes back to stock; its cost moves from COGS to shrinkage (Dr Shrinkage / Cr COGS),
 *   so the cost of goods sold only carries units customers kept.
 * The cost of k units of an order line is its share of the line's shipped cost, counted across all
 * its returns (rules.slice), so returning every unit brings back exactly what shipping took out.
 */
export async function inspectUnits(
  t: Tx,
  r: LockedReturn,
  requests: { sku: string; quantity: number; disposition: Disposition }[],
  actor: Actor,
  field = 'lines',
) {
  if (!canInspect(r.status))
    throw new AppError(
      'INVALID_STATE',
      `Return #${r.number} is ${r.status.replace('_', ' ')}: only received units can be inspected.`,
    );
  const lines = await returnLinesOf(t, r.id, {
    id: true,
    orderLineId: true,
    variantId: true,
    sku: true,
    quantityReceived: true,
    quantityRestocked: true,
    quantityDamaged: true,
    quantityScrapped: true,
  });
  const open = new Map(
    lines.map((l) => [
      l.id,
      l.quantityReceived - l.quantityRestocked - l.quantityDamaged - l.quantityScrapped,
    ]),
  );
  const work: Unitwork[] = [];
  requests.forEach((req, i) => {
    const candidates = linesOfSku(lines, req.sku, r, `${field}.${i}.sku`);
    const { takes, short } = spreadQuantity(candidates, req.quantity, open, (l) => l.id);
    for (const { line: l, quantity } of takes)
      work.push({
        returnLineId: l.id,
        orderLineId: l.orderLineId,
        variantId: l.variantId,
        sku: l.sku,
        quantity,
        disposition: req.disposition,
      });
    if (short > 0) {
      const can = req.quantity - short;
      throw new AppError(
        'VALIDATION_FAILED',
        `Only ${can} received unit${can === 1 ? '' : 's'} of ${req.sku} await inspection on return #${r.number}`,
        [{ field: `${field}.${i}.quantity`, message: `At most ${can} to inspect` }],
      );
    }
  });

  const order = await t.order.findUniqueOrThrow({ where: { id: r.orderId }, select: { locationId: true } });
  const settings = await t.shopSettings.findUnique({
    where: { id: 1 },
    select: { fulfillingLocationId: true },
  });
  const locationId = order.locationId ?? settings?.fulfillingLocationId;
  if (!locationId)
    throw new AppError('INVALID_STATE', 'Set a fulfilling location in Settings before inspecting returns.');
  const location = await t.location.findUniqueOrThrow({
    where: { id: locationId },
    select: { id: true, code: true },
  });

  // Locks in a fixed order (variant id) so two inspections never deadlock on stock levels.
  work.sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
  const entry: EntryLine[] = [];
  const results: { sku: string; quantity: number; disposition: Disposition; cost: number }[] = [];
  for (const w of work) {
    const [shipped] = await t.$queryRaw<{ cost: number; quantity: number }[]>`
      SELECT COALESCE(SUM(cost), 0)::int AS cost, COALESCE(SUM(quantity), 0)::int AS quantity FROM
        shipment_lines WHERE order_line_id = ${w.orderLineId}::uuid`;
    const [done] = await t.$queryRaw<{ n: number }[]>`
      SELECT COALESCE(SUM(quantity_restocked + quantity_damaged + quantity_scrapped), 0)::int AS n
        FROM return_lines WHERE order_line_id = ${w.orderLineId}::uuid`;
    const cost = slice(shipped.cost, done.n, w.quantity, shipped.quantity);
    const reference = { type: 'return', id: r.id };
    if (w.disposition === 'scrap') {
      entry.push(dr(ACCOUNTS.shrinkage, cost, `scrapped ${w.quantity} × ${w.sku}`), cr(ACCOUNTS.cogs, cost));
    } else {
      const level = await lockLevel(t, w.variantId, location.id);
      // The units come back at their shipped cost: as two layers when it does not divide evenly.
      const unit = Math.floor(cost / w.quantity);
      const extra = cost - unit * w.quantity;
      let recost = 0;
      if (w.quantity - extra > 0)
        recost += await receiveAtCost(t, {
          variantId: w.variantId,
          quantity: w.quantity - extra,
          unitCost: unit,
          source: reference,
        });
      if (extra > 0)
        recost += await receiveAtCost(t, {
          variantId: w.variantId,
          quantity: extra,
          unitCost: unit + 1,
          source: reference,
        });
      await applyMovement(
        t,
        level,
        w.disposition === 'restock'
          ? {
              type: 'return_restock',
              onHand: w.quantity,
              value: cost - recost,
              reason: `return #${r.number}`,
              reference,
              actor,
            }
          : {
              type: 'return_damaged',
              damaged: w.quantity,
              value: cost - recost,
              reason: `return #${r.number}`,
              reference,
              actor,
            },
        { sku: w.sku, location: location.code },
      );
      entry.push(
        dr(ACCOUNTS.inventory, cost, `${w.disposition} ${w.quantity} × ${w.sku}`),
        cr(ACCOUNTS.cogs, cost),
        dr(ACCOUNTS.cogs, recost),
        cr(ACCOUNTS.inventory, recost),
      );
    }
    const counter =
      w.disposition === 'restock'
        ? 'quantityRestocked'
        : w.disposition === 'damaged'
          ? 'quantityDamaged'
          : 'quantityScrapped';
    await t.returnLine.update({
      where: { id: w.returnLineId },
      data: { [counter]: { increment: w.quantity }, costReturned: { increment: cost } },
      select: { id: true },
    });
    results.push({ sku: w.sku, quantity: w.quantity, disposition: w.disposition, cost });
  }
  await postJournalEntry(t, {
    memo: `Return #${r.number} inspected`,
    source: { type: 'return', id: r.id },
    actor,
    lines: entry,
  });

  let status: ReturnStatus = r.status;
  const after = await t.returnLine.findMany({
    where: { returnId: r.id },
    select: {
      quantity: true,
      quantityReceived: true,
      quantityRestocked: true,
      quantityDamaged: true,
      quantityScrapped: true,
    },
  });
  if (
    r.status === 'received' &&
    after.every(
      (l) =>
        l.quantityReceived === l.quantity &&
        l.quantityRestocked + l.quantityDamaged + l.quantityScrapped === l.quantityReceived,
    )
  ) {
    status = nextReturnStatus(r.status, 'inspect');
    await t.return.update({ where: { id: r.id }, data: { status }, select: { id: true } });
  }
  await auditReturn(t, {
    actor: actor,
    action: 'return.inspected',
    return: r,
    status,
    details: {
      location: location.code,
      lines: results,
    },
  });
  return { status, lines: results };
}

/** Inspects received units of a return (the warehouse's inspection screen, or the API). */
export async function inspectReturn(
  options: { returnId: string; input: TInspectReturnInput; actor: Actor },
  tx?: Tx,
): Promise<ReturnDto> {
  const input = ZInspectReturnInput.parse(options.input);
  const run = async (t: Tx) => {
    const r = await lockReturn(t, options.returnId);
    await inspectUnits(t, r, input.lines, options.actor);
    return (await returnDetail(r.id, t))!;
  };
  return tx ? run(tx) : db.$transaction(run, { timeout: 30_000 });
}
