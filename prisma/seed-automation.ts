import type { PrismaClient } from '@/lib/generated/prisma/client.ts';
import { SEED_ACTOR, seedActors } from '@/prisma/seed-actors';
import { createAutomationRule } from '@/lib/automation/create-rule';
import { RULE_TEMPLATES, toJsonLogic } from '@/lib/automation/rules';
import { executeAutomationRuns, queueAutomationRuns } from '@/lib/automation/run-rules';
import { createOrder } from '@/lib/orders/create-order';

/**
 * Demo automation (issue 14, decision 026), through the real use cases: the four templates saved by
 * the manager — "Hold large orders from new customers" switched on, the others off — then two
 * orders taken after it (a large first order, which the rule holds, and a small one, which it
 * lets through) and an automation pass, so the Automation screens show runs on first start.
 * Does nothing when rules exist.
 */
export async function seedAutomation(
  db: PrismaClient,
  options: { log?: (line: string) => void } = {},
): Promise<{ rules: number; runs: number }> {
  if ((await db.automationRule.count()) > 0) return { rules: 0, runs: 0 };
  const log = options.log ?? (() => {});
  const actor = (await seedActors(db))('manager');
  for (const t of RULE_TEMPLATES)
    await createAutomationRule({
      input: {
        name: t.name,
        event: t.event,
        conditions: toJsonLogic(t.conditions),
        actions: t.actions,
        template: t.key,
        enabled: t.key === 'hold-large-first-orders',
      },
      actor,
    });
  // The earlier history runs no rule (it happened before the rule was on): move the cursor past it.
  while ((await queueAutomationRuns()).events > 0);

  const [level] = await db.$queryRaw<{ sku: string; price: number }[]>`
    SELECT v.sku, v.price FROM stock_levels l JOIN variants v ON v.id = l.variant_id
      JOIN locations loc ON loc.id = l.location_id AND loc.code = 'MAIN'
     WHERE v.status = 'active' AND v.price > 0 ORDER BY l.on_hand - l.reserved DESC, v.sku LIMIT 1`;
  if (!level) return { rules: RULE_TEMPLATES.length, runs: 0 };
  const address = {
    name: 'Robin Rule',
    line1: '12 Harbor Road',
    city: 'Portland',
    region: 'OR',
    postal_code: '97201',
    country: 'US',
  };
  // A first order of at least 500.00 (held), and a small one (not).
  const bigQuantity = Math.max(1, Math.ceil(50_000 / level.price));
  for (const [i, quantity] of [bigQuantity, 1].entries())
    await createOrder({
      input: {
        channel: 'web',
        external_id: `AUTOMATION-DEMO-${i + 1}`,
        currency: 'USD',
        customer: { email: `first.timer${i + 1}@example.com`, name: `First Timer ${i + 1}` },
        shipping_address: address,
        lines: [{ sku: level.sku, quantity, unit_price: level.price }],
        // Paid in full, so only the rule (not the payment-due hold, decision 031) can hold it.
        payment: { method: 'card', amount: quantity * level.price, status: 'captured' },
      } as never,
      actor: SEED_ACTOR,
    });
  await queueAutomationRuns();
  const ran = await executeAutomationRuns();
  log(`automation: ${RULE_TEMPLATES.length} rules, ${ran.succeeded + ran.failed} runs`);
  return { rules: RULE_TEMPLATES.length, runs: ran.succeeded + ran.failed };
}
