import { describe, expect, it } from 'vitest';
import { averageUnitCost, issue, receive, type Layer, type Pool } from '@/lib/inventory/costing';
import { mulDivRoundHalfUp } from '@/lib/money';

/** A tiny in-memory ledger of one SKU: applies receipts and issues the way the use cases do. */
function book(method: 'fifo' | 'average') {
  let pool: Pool = { quantity: 0, value: 0, lastUnitCost: null };
  let layers: Layer[] = [];
  let n = 0;
  return {
    receive(q: number, c: number) {
      const r = receive(pool, q, c);
      pool = r.pool;
      if (r.layerQuantity > 0) layers.push({ id: String(++n), unitCost: c, remaining: r.layerQuantity });
      return r.recost;
    },
    issue(q: number) {
      const r = issue(method, pool, layers, q);
      pool = r.pool;
      for (const t of r.takes) layers.find((l) => l.id === t.layerId)!.remaining -= t.quantity;
      layers = layers.filter((l) => l.remaining > 0);
      return r.cost;
    },
    get pool() {
      return pool;
    },
    get layers() {
      return layers.map((l) => [l.remaining, l.unitCost]);
    },
  };
}

describe('rounding', () => {
  it('rounds halves up and is exact beyond float precision', () => {
    expect(mulDivRoundHalfUp(5, 1, 2)).toBe(3); // 2.5 → 3
    expect(mulDivRoundHalfUp(7, 1, 3)).toBe(2); // 2.33 → 2
    expect(mulDivRoundHalfUp(-5, 1, 2)).toBe(-3); // −2.5 → −3 (away from zero)
    // 9,007,199,254,740,991 × 3 / 3 overflows a float product but not BigInt.
    expect(mulDivRoundHalfUp(Number.MAX_SAFE_INTEGER, 3, 3)).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('FIFO', () => {
  it('costs issues from the oldest layers first (textbook example)', () => {
    const b = book('fifo');
    b.receive(100, 1000); // Jan 1: 100 @ 10.00
    b.receive(200, 1100); // Jan 5: 200 @ 11.00
    b.receive(50, 1250); //  Jan 9:  50 @ 12.50
    // Issue 150: 100 @ 1000 + 50 @ 1100 = 100,000 + 55,000 = 155,000
    expect(b.issue(150)).toBe(155_000);
    // Issue 180: 150 @ 1100 + 30 @ 1250 = 165,000 + 37,500 = 202,500
    expect(b.issue(180)).toBe(202_500);
    expect(b.layers).toEqual([[20, 1250]]);
    expect(b.pool).toEqual({ quantity: 20, value: 25_000, lastUnitCost: 1250 });
    // Stock reaches zero: the last 20 take exactly the remaining 25,000.
    expect(b.issue(20)).toBe(25_000);
    expect(b.pool).toEqual({ quantity: 0, value: 0, lastUnitCost: 1250 });
  });

  it('issues beyond the layers at the last cost and re-costs when the late receipt arrives', () => {
    const b = book('fifo');
    b.receive(10, 100);
    b.receive(10, 130);
    expect(b.issue(15)).toBe(1_650); // 10·100 + 5·130
    expect(b.issue(8)).toBe(1_040); // 5·130 + 3 beyond at the last cost 130 = 650 + 390
    expect(b.pool).toEqual({ quantity: -3, value: -390, lastUnitCost: 130 });
    // Late receipt 10 @ 150 covers the 3 missing units: 3·150 − 390 = +60 more COGS.
    expect(b.receive(10, 150)).toBe(60);
    expect(b.layers).toEqual([[7, 150]]);
    expect(b.pool).toEqual({ quantity: 7, value: 1_050, lastUnitCost: 150 });
  });

  it('a receipt smaller than the shortfall re-costs only what it covers', () => {
    const b = book('fifo');
    b.receive(2, 500);
    b.issue(6); // 2·500 + 4 beyond at 500 = 3,000; pool −4 / −2,000
    expect(b.receive(1, 560)).toBe(60); // covers 1: 560 − 500
    expect(b.pool).toEqual({ quantity: -3, value: -1_500, lastUnitCost: 560 });
    expect(b.layers).toEqual([]);
    expect(b.receive(5, 440)).toBe(-180); // covers 3: 3·440 − 1,500 = −180 (COGS reduced)
    expect(b.pool).toEqual({ quantity: 2, value: 880, lastUnitCost: 440 });
    expect(b.layers).toEqual([[2, 440]]);
  });

  it('costs an issue with no receipt ever at zero until a receipt re-costs it', () => {
    const b = book('fifo');
    expect(b.issue(2)).toBe(0);
    expect(b.receive(2, 700)).toBe(1_400);
    expect(b.pool).toEqual({ quantity: 0, value: 0, lastUnitCost: 700 });
  });
});

describe('moving weighted average', () => {
  it('costs at the running average, rounding half up per issue line', () => {
    const b = book('average');
    b.receive(3, 1000);
    b.receive(2, 1250); // 5 units worth 3,000 + 2,500 = 5,500 (1,100 each)
    expect(b.issue(2)).toBe(2_200); // 5,500·2/5
    expect(b.pool).toEqual({ quantity: 3, value: 3_300, lastUnitCost: 1250 });
    b.receive(1, 1001); // 4 units worth 4,301
    expect(b.issue(3)).toBe(3_226); // 4,301·3/4 = 3,225.75 → 3,226
    expect(b.pool).toEqual({ quantity: 1, value: 1_075, lastUnitCost: 1001 });
    // Stock reaches zero: the last unit takes all remaining value, no cent is left behind.
    expect(b.issue(1)).toBe(1_075);
    expect(b.pool.value).toBe(0);
  });

  it('a half-cent average rounds up on the issue and the remainder stays in the pool', () => {
    const b = book('average');
    b.receive(2, 333);
    b.receive(1, 334); // 3 units worth 1,000
    expect(b.issue(1)).toBe(333); // 333.33 → 333
    expect(b.issue(1)).toBe(334); // 667·1/2 = 333.5 → 334 (half up)
    expect(b.issue(1)).toBe(333); // the last unit: what is left, 333
    // 333 + 334 + 333 = 1,000: every cent of the receipts reached COGS.
  });

  it('issues beyond stock at the last cost and re-costs on the late receipt', () => {
    const b = book('average');
    b.receive(4, 250);
    expect(b.issue(6)).toBe(1_500); // all 4 (1,000) + 2 beyond at 250
    expect(b.receive(10, 280)).toBe(60); // covers 2: 2·280 − 500
    expect(b.pool).toEqual({ quantity: 8, value: 2_240, lastUnitCost: 280 });
  });
});

describe('input guards', () => {
  it('refuses zero, negative and fractional quantities and costs', () => {
    const pool = { quantity: 5, value: 500, lastUnitCost: 100 };
    expect(() => issue('fifo', pool, [], 0)).toThrow(RangeError);
    expect(() => receive(pool, 1.5, 100)).toThrow(RangeError);
    expect(() => receive(pool, 1, -1)).toThrow(RangeError);
    expect(() => receive(pool, 1, 10.5)).toThrow(RangeError);
  });
});

describe('averageUnitCost', () => {
  it('divides the pool value by its units, half up, and has none for an empty pool', () => {
    // 1,000 / 3 = 333.3 → 333; 1,001 / 2 = 500.5 → 501
    expect(averageUnitCost({ quantity: 3, value: 1_000 })).toBe(333);
    expect(averageUnitCost({ quantity: 2, value: 1_001 })).toBe(501);
    expect(averageUnitCost({ quantity: 0, value: 0 })).toBeNull();
  });
});
