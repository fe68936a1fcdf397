import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { repairStock, verifyStock } from '@/lib/inventory/verify-stock';
import { SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';
import { seedSmallShop } from '@/tests/factories/shop';

let skus: { a: string; b: string };
const levelOf = async (sku: string) => {
  const v = await db.variant.findUniqueOrThrow({ where: { sku }, select: { id: true } });
  return db.stockLevel.findFirstOrThrow({ where: { variantId: v.id, location: { code: 'MAIN' } } });
};

beforeAll(async () => {
  ({ skus } = await seedSmallShop('VER'));
});

describe('stock verify', () => {
  it('finds nothing in a shop whose every change went through the use cases', async () => {
    // the history of seedSmallShop: A 16 on hand / 2 damaged, B 10 on hand / 4 reserved
    expect(await levelOf(skus.a)).toMatchObject({ onHand: 16, reserved: 0, damaged: 2 });
    expect(await levelOf(skus.b)).toMatchObject({ onHand: 10, reserved: 4 });
    const result = await verifyStock();
    expect(result.levels).toBe(2);
    expect(result.differences).toEqual([]);
  });

  it(
    'reports a level changed behind its movements and a drifted reservation, and repairs both with audited ' +
      'movements',
    async () => {
      // Corruption by hand, as a stray UPDATE would: A's on-hand +3 (16 → 19); B's reserved −1 (4 → 3).
      await db.$executeRaw`UPDATE stock_levels SET on_hand = on_hand + 3
      WHERE variant_id = (SELECT id FROM variants WHERE sku = ${skus.a})`;
      await db.$executeRaw`UPDATE stock_levels SET reserved = reserved - 1
      WHERE variant_id = (SELECT id FROM variants WHERE sku = ${skus.b})`;

      const found = await verifyStock();
      expect(
        found.differences.map(({ sku, check, bucket, level, expected, difference }) => ({
          sku,
          check,
          bucket,
          level,
          expected,
          difference,
        })),
      ).toEqual([
        // A: 19 on the level, movements +20 receive −2 ship −2 damage = 16
        { sku: skus.a, check: 'movements', bucket: 'on_hand', level: 19, expected: 16, difference: 3 },
        // B: 3 on the level; movements +3 +4 reserve −3 release = 4; the open order holds 4
        { sku: skus.b, check: 'movements', bucket: 'reserved', level: 3, expected: 4, difference: -1 },
        { sku: skus.b, check: 'reservation', bucket: 'reserved', level: 3, expected: 4, difference: -1 },
      ]);
      const movementsBefore = await db.stockMovement.count();
      const auditBefore = await db.auditLog.count({ where: { action: 'inventory.corrected' } });

      const repaired = await repairStock({ actor });
      expect(repaired.differences.every((d) => d.repaired)).toBe(true);

      // The level of A keeps 19 (a correction movement of +3 explains it); B's reservation is back to 4.
      expect(await levelOf(skus.a)).toMatchObject({ onHand: 19, reserved: 0 });
      expect(await levelOf(skus.b)).toMatchObject({ onHand: 10, reserved: 4 });
      // A: one on-hand correction; B: one reserved correction of −1 (log matches level 3) then +1 reserve.
      const corrections = await db.stockMovement.findMany({
        where: { id: { gt: 0 }, reason: { startsWith: 'correction' } },
        orderBy: { id: 'asc' },
        select: { type: true, onHandDelta: true, reservedDelta: true, valueDelta: true, actorType: true },
      });
      expect(corrections).toEqual([
        { type: 'count_correction', onHandDelta: 3, reservedDelta: 0, valueDelta: 0, actorType: 'system' },
        { type: 'release', onHandDelta: 0, reservedDelta: -1, valueDelta: 0, actorType: 'system' },
        { type: 'reserve', onHandDelta: 0, reservedDelta: 1, valueDelta: 0, actorType: 'system' },
      ]);
      expect(await db.stockMovement.count()).toBe(movementsBefore + 3);
      expect(await db.auditLog.count({ where: { action: 'inventory.corrected' } })).toBe(auditBefore + 2);

      expect((await verifyStock()).differences).toEqual([]);
    },
  );

  it('never forces a repair: one a movement cannot make is reported and leaves that level as it was', async () => {
    // B: the open order holds 4; on-hand forced to 2 and reserved to 0 behind the movements. Reserving
    // 4 of 2 breaks the CHECK reserved <= on_hand (no backorder), so B's corrections roll back together.
    await db.$executeRaw`UPDATE stock_levels SET on_hand = 2, reserved = 0
      WHERE variant_id = (SELECT id FROM variants WHERE sku = ${skus.b})`;
    const movementsBefore = await db.stockMovement.count();
    const repaired = await repairStock({ actor });
    // on-hand 2 vs movements 10 → −8; reserved 0 vs movements 4 → −4; reservation 0 vs open lines 4 → −4
    expect(repaired.differences.map((d) => [d.check, d.bucket, d.difference, d.repaired])).toEqual([
      ['movements', 'on_hand', -8, false],
      ['movements', 'reserved', -4, false],
      ['reservation', 'reserved', -4, false],
    ]);
    expect(repaired.differences[0].error).toBeTruthy();
    expect(await db.stockMovement.count()).toBe(movementsBefore);
    expect(await levelOf(skus.b)).toMatchObject({ onHand: 2, reserved: 0 });
    expect((await verifyStock()).differences).toHaveLength(3);
  });
});
