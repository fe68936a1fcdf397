import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { seedDemo } from '@/prisma/seed';
import { seedAutomation } from '@/prisma/seed-automation';
import { automationRuleList, automationRuns } from '@/lib/automation/queries';

let result: Awaited<ReturnType<typeof seedAutomation>>;

beforeAll(async () => {
  await seedDemo(db, { products: 20, customers: 10 });
  result = await seedAutomation(db);
}, 240_000);

describe('demo automation', () => {
  it('saves the four templates through the use case, one on, and runs it on two new orders: one held', async () => {
    expect(result).toEqual({ rules: 4, runs: 2 });
    const rules = await automationRuleList();
    expect(rules.filter((r) => r.enabled).map((r) => r.name)).toEqual([
      'Hold large orders from new customers',
    ]);
    expect(rules.map((r) => r.created_by)).toEqual(Array(4).fill(rules[0].created_by));
    const on = rules.find((r) => r.enabled)!;
    const runs = await automationRuns(on.id, { limit: 10 });
    expect(runs.map((r) => [r.matched, r.status]).sort()).toEqual([
      [false, 'succeeded'],
      [true, 'succeeded'],
    ]);
    const held = await db.order.findFirstOrThrow({ where: { externalId: 'AUTOMATION-DEMO-1' } });
    expect(held).toMatchObject({ status: 'on_hold', tags: ['review'] });
    const small = await db.order.findFirstOrThrow({ where: { externalId: 'AUTOMATION-DEMO-2' } });
    expect(small.status).not.toBe('on_hold');
    expect(await seedAutomation(db)).toEqual({ rules: 0, runs: 0 });
    expect(await db.automationRule.count()).toBe(4);
  });
});
