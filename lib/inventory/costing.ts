import { mulDivRoundHalfUp } from '@/lib/money';

/**
 * Inventory costing: pure functions over one variant's cost pool and FIFO layers. No I/O; the
 * use cases in this folder load the rows under a lock, call these, and write the result back.
 *
 * THE RULES (all amounts integer minor units; see docs/decisions/004-inventory-costing-and-ledger.md)
 * - Every receipt adds q units at unit cost c to the pool (value += q·c) and, for FIFO, a layer (q, c).
 * - FIFO issue of q units: take from the oldest open layers; cost = Σ take·unit cost. Exact.
 * - Moving-average issue of q units out of Q held with value V: cost = round_half_up(V·q / Q);
 *   when q = Q (stock reaches zero) the cost is V itself, so no cent is left behind in the pool.
 * - Issuing beyond what is held (backorders, receipts recorded late): the missing units are costed at
 *   the last known unit cost (the latest receipt's), the pool goes negative in quantity and value.
 * - A receipt into a negative pool first covers the missing S units: the difference between their
 *   actual cost S·c and the provisional cost they were issued at is the re-cost (posted Dr COGS /
 *   Cr Inventory, or the reverse when negative); only the rest (q − S) becomes a layer.
 *
 * WORKED EXAMPLE (FIFO): receive 10 @ 100, receive 10 @ 130, issue 15 → 10·100 + 5·130 = 1,650;
 * pool 5 units worth 650. Issue 8 → 5·130 + 3 units beyond layers at the last cost 130 = 1,040;
 * pool −3 units, value −390. Receive 10 @ 150 → covers 3: re-cost 3·150 − 390 = +60 (Dr COGS 60);
 * a layer of 7 @ 150; pool 7 units worth 1,050 = 7·150.
 *
 * WORKED EXAMPLE (average): receive 3 @ 1,000 and 2 @ 1,250 → 5 units worth 5,500 (1,100 each).
 * Issue 2 → round_half_up(5,500·2/5) = 2,200; pool 3 worth 3,300. Receive 1 @ 1,001 → 4 worth
 * 4,301. Issue 3 → 4,301·3/4 = 3,225.75 → 3,226; pool 1 worth 1,075. Issue 1 → the last unit takes
 * the whole 1,075.
 */

export type CostingMethod = 'fifo' | 'average';
export type Pool = { quantity: number; value: number; lastUnitCost: number | null };
export type Layer = { id: string; unitCost: number; remaining: number };

export type IssueResult = {
  cost: number;
  pool: Pool;
  /** layers taken from (FIFO): how many units of each */
  takes: { layerId: string; quantity: number }[];
  /** units issued beyond what was held, costed provisionally at the last known unit cost */
  beyond: number;
};

/** Issues q > 0 units from the pool (and, for FIFO, its open layers oldest first). */
export function issue(method: CostingMethod, pool: Pool, layers: Layer[], quantity: number): IssueResult {
  if (!Number.isInteger(quantity) || quantity <= 0)
    throw new RangeError('quantity must be a positive integer');
  const held = Math.max(pool.quantity, 0);
  const fromStock = Math.min(quantity, held);
  const beyond = quantity - fromStock;
  const takes: { layerId: string; quantity: number }[] = [];
  let cost = 0;

  if (fromStock > 0) {
    if (method === 'fifo') {
      let left = fromStock;
      for (const layer of layers) {
        if (left === 0) break;
        const take = Math.min(layer.remaining, left);
        if (take <= 0) continue;
        takes.push({ layerId: layer.id, quantity: take });
        cost += take * layer.unitCost;
        left -= take;
      }
      // Layers always cover a non-negative pool; if they do not, the data is inconsistent.
      if (left > 0) throw new Error(`FIFO layers hold ${fromStock - left} units but the pool holds ${held}`);
    } else {
      cost = fromStock === held ? pool.value : mulDivRoundHalfUp(pool.value, fromStock, held);
    }
  }
  cost += beyond * (pool.lastUnitCost ?? 0);
  return {
    cost,
    beyond,
    takes,
    pool: { ...pool, quantity: pool.quantity - quantity, value: pool.value - cost },
  };
}

export type ReceiveResult = {
  pool: Pool;
  /** actual − provisional cost of units that had been issued before this receipt (→ COGS) */
  recost: number;
  /** units left for a new layer after covering what was issued beyond stock */
  layerQuantity: number;
};

/** Receives q > 0 units at unit cost c ≥ 0. */
export function receive(pool: Pool, quantity: number, unitCost: number): ReceiveResult {
  if (!Number.isInteger(quantity) || quantity <= 0)
    throw new RangeError('quantity must be a positive integer');
  if (!Number.isInteger(unitCost) || unitCost < 0)
    throw new RangeError('unit cost must be a non-negative integer');
  let recost = 0;
  let covered = 0;
  if (pool.quantity < 0) {
    covered = Math.min(quantity, -pool.quantity);
    // The provisional cost those `covered` units went out at: their share of the negative value.
    const provisional =
      covered === -pool.quantity ? -pool.value : mulDivRoundHalfUp(-pool.value, covered, -pool.quantity);
    recost = covered * unitCost - provisional;
  }
  return {
    recost,
    layerQuantity: quantity - covered,
    pool: {
      quantity: pool.quantity + quantity,
      value: pool.value + quantity * unitCost - recost,
      lastUnitCost: unitCost,
    },
  };
}

/** A pool's average unit cost, rounded half up (value 1,000 over 3 units → 333); null for an empty pool. */
export function averageUnitCost(pool: Pick<Pool, 'quantity' | 'value'>): number | null {
  return pool.quantity > 0 ? mulDivRoundHalfUp(pool.value, 1, pool.quantity) : null;
}

/** The unit cost found stock is valued at: the average for average costing, else the last cost. */
export function foundUnitCost(method: CostingMethod, pool: Pool): number {
  if (method === 'average' && pool.quantity > 0) return averageUnitCost(pool)!;
  return pool.lastUnitCost ?? 0;
}
