import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { recordEvent } from '@/lib/events/record-event';
import { encodeCursor } from '@/lib/events/cursor';
import { pruneEvents } from '@/lib/events/prune-events';
import { retentionCutoff } from '@/lib/events/rules';
import { createWebhook } from '@/lib/webhooks/create-webhook';
import { dispatchEvents } from '@/lib/webhooks/dispatch-events';
import { createAutomationRule } from '@/lib/automation/create-rule';
import { queueAutomationRuns } from '@/lib/automation/run-rules';
import { apiRequest, makeApiKey, routeContext, SYSTEM_TEST_ACTOR as actor } from '@/tests/factories';
import * as eventsRoute from '@/app/api/v1/events/route';
import type { EventType } from '@/lib/events/rules';

// The prune runs "on" 2026-06-01 with 90 days kept: the cutoff is 90 × 24 h earlier, 2026-03-03T00:00Z.
const NOW = new Date('2026-06-01T00:00:00Z');
const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

type Recorded = { id: string; position: bigint; orderXid: bigint };
const ev: Record<string, Recorded> = {};
let key: string;

async function record(name: string, type: EventType, resourceId: string, occurredAt: Date) {
  const { id } = await db.$transaction((tx) =>
    recordEvent(tx, { type, resourceId, data: { name }, occurredAt }),
  );
  const row = await db.event.findUniqueOrThrow({ where: { id }, select: { position: true, orderXid: true } });
  ev[name] = { id, ...row };
}

async function feed(after?: Recorded) {
  const q = after ? `?after=${encodeCursor({ xid: after.orderXid, position: after.position })}` : '';
  const res = await eventsRoute.GET(apiRequest(`/api/v1/events${q}`, { key }), routeContext());
  return {
    status: res.status,
    body: (await res.json()) as {
      data: { id: string; data: { name: string } }[];
      error?: { details: { field: string; message: string }[] };
    },
  };
}

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = '1';
  key = (await makeApiKey(['events:read'])).key;
  // Only ticket.created is delivered anywhere: inventory events get no delivery.
  await createWebhook({ input: { url: 'http://127.0.0.1:9/hook', events: ['ticket.created'] }, actor });
  // A rule on ticket.created, enabled (back-dated) before every event below: each ticket event gets a run.
  const rule = await createAutomationRule({
    input: {
      name: 'Tickets urgent',
      event: 'ticket.created',
      actions: [{ type: 'set_ticket_priority', priority: 'urgent' }],
      enabled: true,
    },
    actor,
  });
  await db.automationRule.update({ where: { id: rule.id }, data: { enabledAt: at('2026-01-01') } });
  await record('old-delivered', 'ticket.created', 'T-1', at('2026-01-10'));
  await record('old-pending', 'ticket.created', 'T-2', at('2026-01-11'));
  await record('old-undelivered', 'inventory.adjusted', 'S-1', at('2026-02-01'));
  await record('recent', 'ticket.created', 'T-3', at('2026-05-20'));
  await dispatchEvents();
  await queueAutomationRuns();
  // old-delivered's and recent's runs finished; old-pending's is still pending.
  await db.automationRun.updateMany({
    where: { eventId: { in: [ev['old-delivered'].id, ev.recent.id] } },
    data: { status: 'succeeded', completedAt: NOW },
  });
  // One delivery per ticket event; all but T-2's have succeeded (T-2's waits for a retry).
  await db.webhookDelivery.updateMany({
    where: { eventId: { in: [ev['old-delivered'].id, ev.recent.id] } },
    data: { status: 'succeeded', completedAt: NOW },
  });
  await db.webhookDelivery.updateMany({
    where: { eventId: ev['old-pending'].id },
    data: { nextAttemptAt: new Date('2030-01-01T00:00:00Z') },
  });
  // Old, but recorded after the dispatcher last read the feed: it has not been passed on yet.
  await record('old-unread', 'inventory.adjusted', 'S-2', at('2026-02-02'));
});

describe('event retention (decision 045)', () => {
  it('cuts off whole days before now', () => {
    expect(retentionCutoff(NOW, 90).toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });

  it('deletes old finished deliveries and the old events nothing waits on, and nothing else', async () => {
    const result = await pruneEvents({ now: NOW, retentionDays: 90 });
    // Deliveries and runs: old-delivered's (finished, event before the cutoff). recent's are newer;
    // old-pending's are pending.
    // Events: old-delivered (its delivery and run just went) and old-undelivered (none). old-pending keeps its
    // pending delivery and run; old-unread is ahead of both feed readers' cursors; recent is after the cutoff.
    expect(result).toEqual({
      cutoff: new Date('2026-03-03T00:00:00Z'),
      events: 2,
      deliveries: 1,
      automation_runs: 1,
    });
    const left = await db.event.findMany({ select: { id: true } });
    expect(new Set(left.map((e) => e.id))).toEqual(
      new Set([ev['old-pending'].id, ev.recent.id, ev['old-unread'].id]),
    );
    expect(await db.webhookDelivery.count()).toBe(2);
    expect(await db.automationRun.count()).toBe(2);
    const prune = await db.eventPrune.findFirstOrThrow({ orderBy: { id: 'desc' } });
    // The furthest deleted position in feed order is old-undelivered's (recorded after old-delivered).
    expect({ xid: prune.throughXid, position: prune.throughPosition }).toEqual({
      xid: ev['old-undelivered'].orderXid,
      position: ev['old-undelivered'].position,
    });
    const audited = await db.auditLog.findFirstOrThrow({ where: { action: 'events.pruned' } });
    expect(audited.after).toMatchObject({ events: 2, deliveries: 1, automation_runs: 1 });
  });

  it('refuses a cursor into the pruned range, naming after, and serves one past it', async () => {
    const stale = await feed(ev['old-delivered']);
    expect(stale.status).toBe(422);
    expect(stale.body.error?.details[0].field).toBe('after');
    expect(stale.body.error?.details[0].message).toContain('2026-03-03');

    const kept = await feed(ev['old-undelivered']);
    expect(kept.status).toBe(200);
    expect(kept.body.data.map((e) => e.data.name)).toEqual(['recent', 'old-unread']);

    const fromStart = await feed();
    expect(fromStart.body.data.map((e) => e.data.name)).toEqual(['old-pending', 'recent', 'old-unread']);
  });

  it('keeps the streams: a pruned resource continues its sequence', async () => {
    const next = await db.$transaction((tx) =>
      recordEvent(tx, { type: 'ticket.created', resourceId: 'T-1', data: { name: 'again' } }),
    );
    expect(next.sequence).toBe(2);
  });

  it('a second prune with nothing to delete records nothing and keeps the marker', async () => {
    const before = await db.eventPrune.count();
    const again = await pruneEvents({ now: NOW, retentionDays: 90 });
    expect([again.events, again.deliveries, again.automation_runs]).toEqual([0, 0, 0]);
    expect(await db.eventPrune.count()).toBe(before);
    expect((await feed(ev['old-delivered'])).status).toBe(422);
  });
});
