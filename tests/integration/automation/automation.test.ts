import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { receiveStock } from '@/lib/inventory/receive-stock';
import { adjustStock } from '@/lib/inventory/adjust-stock';
import { recordOrderEvent } from '@/lib/events/resource-events';
import { createTicket } from '@/lib/support/create-ticket';
import { createSupplier } from '@/lib/purchasing/save-supplier';
import { createAutomationRule } from '@/lib/automation/create-rule';
import { executeAutomationRuns, queueAutomationRuns } from '@/lib/automation/run-rules';
import { RULE_TEMPLATES, toJsonLogic } from '@/lib/automation/rules';
import { startReplenishmentRun } from '@/lib/replenishment/start-run';
import { executeReplenishmentRun } from '@/lib/replenishment/execute-run';
import {
  apiRequest,
  makeApiKey,
  makeLocations,
  makeProduct,
  makeUser,
  routeContext,
  SYSTEM_TEST_ACTOR as actor,
} from '@/tests/factories';
import * as ordersRoute from '@/app/api/v1/orders/route';
import * as rulesRoute from '@/app/api/v1/automation-rules/route';
import * as ruleRoute from '@/app/api/v1/automation-rules/[id]/route';
import * as dryRunRoute from '@/app/api/v1/automation-rules/[id]/dry-run/route';
import * as runsRoute from '@/app/api/v1/automation-rules/[id]/runs/route';

let key: string;
let ordersKey: string;

beforeAll(async () => {
  await makeLocations();
  await makeProduct(['AU-1'], { price: 2_500 });
  await receiveStock({
    input: { location: 'MAIN', lines: [{ sku: 'AU-1', quantity: 200, unit_cost: 1_000 }] },
    actor,
  });
  key = (await makeApiKey(['automation:write', 'automation:read'])).key;
  ordersKey = (await makeApiKey(['orders:create'])).key;
});

/** Everything queued is run (a pass of the automation job, twice: actions' own events run rules too). */
async function pass() {
  for (let i = 0; i < 2; i++) {
    await queueAutomationRuns();
    await executeAutomationRuns();
  }
}

async function placeOrder(externalId: string, quantity: number, email = `${externalId}@example.com`) {
  const res = await ordersRoute.POST(
    apiRequest('/api/v1/orders', {
      method: 'POST',
      key: ordersKey,
      body: {
        channel: 'web',
        external_id: externalId,
        currency: 'USD',
        customer: { email, name: 'Ada Rule' },
        shipping_address: {
          name: 'Ada',
          line1: '1 Main St',
          city: 'Springfield',
          region: 'IL',
          postal_code: '62701',
          country: 'US',
        },
        lines: [{ sku: 'AU-1', quantity, unit_price: 2_500 }],
      },
    }),
    routeContext(),
  );
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; number: number; total: number };
}

async function post(body: unknown) {
  const res = await rulesRoute.POST(
    apiRequest('/api/v1/automation-rules', { method: 'POST', key, body }),
    routeContext(),
  );
  return { status: res.status, body: await res.json() };
}

async function disable(id: string) {
  const res = await ruleRoute.PATCH(
    apiRequest(`/api/v1/automation-rules/${id}`, { method: 'PATCH', key, body: { enabled: false } }),
    routeContext({ id }),
  );
  expect(res.status).toBe(200);
}

/** Row count of every table of the app's schema. */
async function tableCounts(): Promise<Record<string, number>> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${name}"`);
    counts[name] = row.n;
  }
  return counts;
}

describe('automation rules', () => {
  it('a rule holding orders over 100.00 holds one order and not the other, and logs both runs', async () => {
    const created = await post({
      name: 'Hold orders over 100.00',
      event: 'order.created',
      conditions: { and: [{ '>': [{ var: 'total' }, 10_000] }] },
      actions: [{ type: 'hold_order', reason: 'Over 100.00: order {{number}}' }],
      enabled: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ enabled: true, event: 'order.created' });
    const ruleId = created.body.id as string;

    // 6 × 25.00 = 150.00 > 100.00 (held); 2 × 25.00 = 50.00 (not)
    const big = await placeOrder('AU-BIG', 6);
    const small = await placeOrder('AU-SMALL', 2);
    expect(big.total).toBe(15_000);
    expect(small.total).toBe(5_000);
    await pass();

    const orders = await db.order.findMany({
      where: { id: { in: [big.id, small.id] } },
      select: { id: true, status: true, holdReason: true },
    });
    const byId = new Map(orders.map((o) => [o.id, o]));
    expect(byId.get(big.id)).toMatchObject({
      status: 'on_hold',
      holdReason: `Over 100.00: order ${big.number}`,
    });
    expect(byId.get(small.id)).toMatchObject({ status: 'open', holdReason: null });

    // The hold's own event carries depth 1; the intake's depth 0.
    const events = await db.event.findMany({
      where: { resourceId: big.id },
      orderBy: { sequence: 'asc' },
      select: { type: true, depth: true },
    });
    expect(events).toEqual([
      { type: 'order.created', depth: 0 },
      { type: 'order.held', depth: 1 },
    ]);
    const audit = await db.auditLog.findFirst({ where: { entityId: big.id, action: 'order.held' } });
    expect(audit?.actorLabel).toBe('automation: Hold orders over 100.00');

    const res = await runsRoute.GET(
      apiRequest(`/api/v1/automation-rules/${ruleId}/runs`, { key }),
      routeContext({ id: ruleId }),
    );
    const runs = (await res.json()).data as {
      resource_id: string;
      matched: boolean;
      status: string;
      results: unknown[];
    }[];
    expect(runs.map((r) => [r.resource_id, r.matched, r.status]).sort()).toEqual(
      [
        [big.id, true, 'succeeded'],
        [small.id, false, 'succeeded'],
      ].sort(),
    );
    expect(runs.find((r) => r.resource_id === big.id)?.results).toEqual([
      {
        type: 'hold_order',
        status: 'done',
        detail: `held order #${big.number}: Over 100.00: order ${big.number}`,
      },
    ]);
    // Run again: nothing is queued twice.
    await pass();
    expect(await db.automationRun.count({ where: { ruleId } })).toBe(2);
    await disable(ruleId);
  });

  it('refuses unknown fields, operators, actions and keys with a 422 naming the field', async () => {
    const base = {
      name: 'x',
      event: 'order.created',
      conditions: { and: [] },
      actions: [{ type: 'add_tag', tag: 'x' }],
    };
    const cases: [unknown, string][] = [
      [{ ...base, conditions: { and: [{ '>': [{ var: 'colour' }, 1] }] } }, 'conditions.and.0.var'],
      [{ ...base, conditions: { and: [{ '>': [{ var: 'total' }, 'lots'] }] } }, 'conditions.and.0.value'],
      [{ ...base, conditions: { and: [{ regex: [{ var: 'total' }, 1] }] } }, 'conditions.and.0'],
      [{ ...base, conditions: { not: [] } }, 'conditions'],
      [{ ...base, actions: [{ type: 'launch_rocket' }] }, 'actions.0.type'],
      [
        { ...base, actions: [{ type: 'add_tag', tag: 'x', colour: 'red' }] },
        'actions.0: unknown field colour',
      ],
      [{ ...base, actions: [{ type: 'set_ticket_priority', priority: 'high' }] }, 'actions.0.type'],
      [{ ...base, actions: [{ type: 'hold_order', reason: 'x {{nope}}' }] }, 'actions.0.reason'],
      [{ ...base, priority: 1 }, '(body): unknown field priority'],
      [{ ...base, event: 'order.exploded' }, 'event'],
      [{ ...base, actions: [] }, 'actions'],
      [
        {
          ...base,
          event: 'ticket.created',
          actions: [{ type: 'assign_ticket', assignee_id: crypto.randomUUID() }],
        },
        'actions.0.assignee_id',
      ],
      [
        { ...base, actions: [{ type: 'call_webhook', webhook_id: crypto.randomUUID() }] },
        'actions.0.webhook_id',
      ],
    ];
    for (const [body, field] of cases) {
      const r = await post(body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(
        (r.body.error.details as { field: string; message: string }[]).flatMap((d) => [
          d.field,
          `${d.field}: ${d.message}`,
        ]),
        JSON.stringify(body),
      ).toContain(field);
    }
    expect(await db.automationRule.count({ where: { name: 'x' } })).toBe(0);
  });

  it('a dry run lists what would match and writes nothing (every table keeps its row count)', async () => {
    const created = await post({
      name: 'Tag big orders',
      event: 'order.created',
      conditions: { and: [{ '>=': [{ var: 'total' }, 10_000] }] },
      actions: [{ type: 'add_tag', tag: 'big' }],
    });
    expect(created.body.enabled).toBe(false);
    const id = created.body.id as string;
    const before = await tableCounts();
    const res = await dryRunRoute.POST(
      apiRequest(`/api/v1/automation-rules/${id}/dry-run`, { method: 'POST', key, body: { limit: 10 } }),
      routeContext({ id }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      evaluated: number;
      matched: { resource_id: string; actions: { status: string; detail: string }[] }[];
    };
    const big = await db.order.findFirstOrThrow({ where: { externalId: 'AU-BIG' } });
    // Two order.created events so far (150.00 and 50.00); only the 150.00 one is ≥ 100.00.
    expect(body.evaluated).toBe(2);
    expect(body.matched).toEqual([
      expect.objectContaining({
        resource_id: big.id,
        actions: [{ type: 'add_tag', status: 'done', detail: `would tag order #${big.number} big` }],
      }),
    ]);
    expect(await tableCounts()).toEqual(before);
    expect((await db.order.findUniqueOrThrow({ where: { id: big.id } })).tags).toEqual([]);
  });

  it(
    'an event from automation at the depth limit runs no rule (logged as skipped); its actions carry depth ' +
      '+ 1',
    async () => {
      const rule = await createAutomationRule({
        input: {
          name: 'Tag updated orders',
          event: 'order.updated',
          actions: [{ type: 'add_tag', tag: 'touched' }],
          enabled: true,
        },
        actor,
      });
      const shallow = await placeOrder('AU-DEPTH-0', 1);
      const deep = await placeOrder('AU-DEPTH-3', 1);
      await recordOrderEvent(db, 'order.updated', shallow.id);
      await db.$transaction(async (tx) => {
        // As if a chain of three rules had led here.
        await tx.$executeRaw`SELECT set_config('backroom.event_depth', '3', true)`;
        await recordOrderEvent(tx, 'order.updated', deep.id);
      });
      await pass();
      const tags = async (id: string) => (await db.order.findUniqueOrThrow({ where: { id } })).tags;
      expect(await tags(shallow.id)).toEqual(['touched']);
      expect(await tags(deep.id)).toEqual([]);
      const runs = await db.automationRun.findMany({
        where: { ruleId: rule.id },
        orderBy: { createdAt: 'asc' },
        select: { resourceId: true, depth: true, status: true, error: true, results: true },
      });
      // shallow: depth 0 tagged it (its order.updated has depth 1) → depth 1 found it tagged already.
      expect(runs.filter((r) => r.resourceId === shallow.id).map((r) => [r.depth, r.status])).toEqual([
        [0, 'succeeded'],
        [1, 'succeeded'],
      ]);
      expect(runs.find((r) => r.resourceId === shallow.id && r.depth === 1)?.results).toEqual([
        { type: 'add_tag', status: 'nothing', detail: `order #${shallow.number} is tagged touched already` },
      ]);
      const skipped = runs.find((r) => r.resourceId === deep.id);
      expect(skipped).toMatchObject({ depth: 3, status: 'skipped' });
      expect(skipped?.error).toMatch(/depth limit/);
      await disable(rule.id);
    },
  );

  it('a rule runs only on events after it was enabled', async () => {
    const early = await placeOrder('AU-EARLY', 1);
    const rule = await createAutomationRule({
      input: {
        name: 'Tag all',
        event: 'order.created',
        actions: [{ type: 'add_tag', tag: 'all' }],
        enabled: true,
      },
      actor,
    });
    const late = await placeOrder('AU-LATE', 1);
    await pass();
    const runs = await db.automationRun.findMany({
      where: { ruleId: rule.id },
      select: { resourceId: true },
    });
    expect(runs.map((r) => r.resourceId)).toEqual([late.id]);
    expect(runs.map((r) => r.resourceId)).not.toContain(early.id);
    await disable(rule.id);
  });

  it('routes tickets that mention a refund, and emails the managers on low stock with draft POs', async () => {
    const manager = await makeUser({ role: 'manager', email: 'boss@example.test' });
    const refund = RULE_TEMPLATES.find((t) => t.key === 'route-refund-tickets')!;
    const lowStock = RULE_TEMPLATES.find((t) => t.key === 'low-stock-alert')!;
    for (const t of [refund, lowStock])
      await createAutomationRule({
        input: {
          name: t.name,
          event: t.event,
          conditions: toJsonLogic(t.conditions),
          actions: t.actions,
          template: t.key,
          enabled: true,
        },
        actor,
      });
    const asks = await createTicket({
      input: {
        customer: { email: 'r@example.com', name: 'R' },
        subject: 'Order',
        body: 'I want a Refund please',
      },
      actor,
    });
    const other = await createTicket({
      input: { customer: { email: 's@example.com', name: 'S' }, subject: 'Hello', body: 'Nice shop' },
      actor,
    });

    // AU-LOW: reorder point 10, safety stock 5, preferred supplier with MOQ 12 in packs of 6.
    await makeProduct(['AU-LOW'], { price: 1_000 });
    await db.variant.update({ where: { sku: 'AU-LOW' }, data: { reorderPoint: 10, safetyStock: 5 } });
    await receiveStock({
      input: { location: 'MAIN', lines: [{ sku: 'AU-LOW', quantity: 20, unit_cost: 400 }] },
      actor,
    });
    await createSupplier({
      input: {
        name: 'Acme Parts',
        email: 'orders@acme.test',
        lead_time_days: 5,
        products: [{ sku: 'AU-LOW', unit_cost: 400, moq: 12, pack_size: 6, preferred: true }],
      },
      actor,
    });
    // The action drafts the replenishment suggestions (decision 033): a run plans AU-LOW (no history:
    // a forecast of 0, so the SKU's own reorder point 10 and safety stock 5 are the floor).
    await executeReplenishmentRun(
      (await startReplenishmentRun({ trigger: 'api', actor, enqueue: false })).id,
    );
    // 20 → 4 available: crosses the reorder point of 10 (one inventory.low_stock).
    await adjustStock({ input: { sku: 'AU-LOW', location: 'MAIN', delta: -16, reason: 'lost' }, actor });
    await pass();

    const tickets = await db.ticket.findMany({
      where: { id: { in: [asks.id, other.id] } },
      select: { id: true, priority: true, tags: true },
    });
    expect(tickets.find((t) => t.id === asks.id)).toMatchObject({ priority: 'high', tags: ['refund'] });
    expect(tickets.find((t) => t.id === other.id)).toMatchObject({ priority: 'normal', tags: [] });

    const mail = await db.outboxMessage.findMany({
      where: { template: 'automation_alert', toAddress: manager.email },
      select: { subject: true, textBody: true },
    });
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe('Low stock: AU-LOW at MAIN');
    expect(mail[0].textBody).toContain('AU-LOW has 4 units available at MAIN (reorder point 10).');
    // position 4 ≤ reorder point 10: up to 10 + 5 = 15 − 4 = 11; MOQ 12 → 12; packs of 6 → 12.
    const po = await db.purchaseOrder.findFirstOrThrow({
      where: { supplier: { name: 'Acme Parts' } },
      select: { status: true, lines: { select: { sku: true, quantityOrdered: true } } },
    });
    expect(po).toEqual({ status: 'draft', lines: [{ sku: 'AU-LOW', quantityOrdered: 12 }] });
  });

  it('every template saves as it is', async () => {
    for (const t of RULE_TEMPLATES) {
      const r = await post({
        name: `${t.name} (copy)`,
        event: t.event,
        conditions: toJsonLogic(t.conditions),
        actions: t.actions,
      });
      expect(r.status, t.key).toBe(201);
    }
  });
});
