import 'server-only';
import jsonLogic from 'json-logic-js';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { readEvents } from '@/lib/events/feed';
import type { EventType } from '@/lib/events/rules';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { MAX_AUTOMATION_DEPTH } from './rules';
import { ZAction, type TAction } from './schemas';
import { eventFacts, RULE_EVENT_SELECT, type RuleEvent } from './facts';
import { executeAction, type ActionResult } from './actions';

const CONSUMER = 'automation';
const CLAIM_SECONDS = 60;
const MAX_ATTEMPTS = 3;

/** Does a rule's JSON Logic hold for these facts? An empty list holds always. */
export function conditionsHold(conditions: unknown, facts: Record<string, unknown>): boolean {
  const c = conditions as Record<string, unknown[]>;
  const list = c.and ?? c.or;
  if (Array.isArray(list) && list.length === 0) return true;
  return Boolean(jsonLogic.apply(conditions as jsonLogic.RulesLogic, facts));
}

/**
 * Step 1 of an automation pass (decision 026): reads the event feed from the automation cursor
 * (event_consumers 'automation') and queues one run per event × enabled rule on its type, for
 * events that occurred once the rule was enabled — then moves the cursor, in the same transaction
 * (an advisory lock serialises workers), so each event is queued once per rule. An event at the
 * depth limit gets a run logged as skipped instead: a rule cannot keep triggering rules.
 */
export async function queueAutomationRuns(options: { limit?: number } = {}): Promise<{
  events: number;
  runs: number;
}> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('automation:dispatch'))`;
    const consumer = await tx.eventConsumer.findUnique({ where: { name: CONSUMER } });
    const after = { xid: consumer?.afterXid ?? 0n, position: consumer?.afterPosition ?? 0n };
    const { rows, last } = await readEvents(tx, { after, limit: options.limit ?? 500, data: false });
    if (!rows.length) return { events: 0, runs: 0 };
    const rules = await tx.automationRule.findMany({
      where: { enabled: true, event: { in: [...new Set(rows.map((r) => r.type))] } },
      select: { id: true, event: true, enabledAt: true },
    });
    const runs = rows.flatMap((event) =>
      rules
        .filter((r) => r.event === event.type && r.enabledAt && event.occurred_at >= r.enabledAt)
        .map((r) => {
          const deep = event.depth >= MAX_AUTOMATION_DEPTH;
          return {
            ruleId: r.id,
            eventId: event.id,
            eventType: event.type,
            resourceId: event.resource_id,
            depth: event.depth,
            status: deep ? 'skipped' : 'pending',
            error: deep
              ? `depth limit: this event came from automation ${event.depth} levels deep (at ` +
                `most ${MAX_AUTOMATION_DEPTH - 1})`
              : null,
            completedAt: deep ? new Date() : null,
          };
        }),
    );
    if (runs.length) await tx.automationRun.createMany({ data: runs, skipDuplicates: true });
    await tx.eventConsumer.upsert({
      where: { name: CONSUMER },
      create: { name: CONSUMER, afterXid: last.xid, afterPosition: last.position },
      update: { afterXid: last.xid, afterPosition: last.position, updatedAt: new Date() },
    });
    return { events: rows.length, runs: runs.length };
  });
}

/**
 * Step 2: claims queued runs (SKIP LOCKED and a lease, so two workers never run one twice) and runs
 * them one after another, oldest first.
 */
export async function executeAutomationRuns(options: { limit?: number } = {}): Promise<{
  succeeded: number;
  failed: number;
}> {
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE automation_runs r SET locked_until = now() + make_interval(secs => ${CLAIM_SECONDS}),
                                 attempts = r.attempts + 1
     WHERE r.id IN (
       SELECT c.id FROM automation_runs c
        WHERE c.status = 'pending' AND (c.locked_until IS NULL OR c.locked_until < now())
        ORDER BY c.created_at, c.id
        LIMIT ${options.limit ?? 50}
        FOR UPDATE SKIP LOCKED)
    RETURNING r.id`;
  let succeeded = 0;
  let failed = 0;
  for (const { id } of claimed) {
    const status = await executeRun(id);
    if (status === 'failed') failed++;
    else succeeded++;
  }
  return { succeeded, failed };
}

/** One automation pass: queue runs for new events, then run what is queued. */
export async function runAutomationPass(): Promise<{ events: number; runs: number; failed: number }> {
  const queued = await queueAutomationRuns();
  const ran = await executeAutomationRuns();
  return { events: queued.events, runs: ran.succeeded + ran.failed, failed: ran.failed };
}

function safeMessage(error: unknown): string {
  if (error instanceof AppError) return error.message;
  console.error('[automation] action failed', error);
  return 'internal error (see the server log)';
}

/**
 * Evaluates a run's rule on its event and runs the actions, in one transaction: the conditions see
 * the event's facts; each action runs in a savepoint (a failed one is rolled back alone and logged
 * as failed, the others stand); the events the actions record carry depth + 1 (the transaction's
 * backroom.event_depth setting, read by record_event). The run's log row is written in the same
 * transaction, so it says exactly what committed.
 */
async function executeRun(runId: string): Promise<'succeeded' | 'failed' | 'skipped'> {
  try {
    return await db.$transaction(async (tx) => {
      const run = await tx.automationRun.findUniqueOrThrow({
        where: { id: runId },
        select: {
          status: true,
          rule: { select: { id: true, name: true, enabled: true, conditions: true, actions: true } },
          event: { select: RULE_EVENT_SELECT },
        },
      });
      if (run.status !== 'pending') return 'skipped';
      const finish = (data: Prisma.AutomationRunUpdateInput) =>
        tx.automationRun.update({
          where: { id: runId },
          data: { ...data, lockedUntil: null, completedAt: new Date() },
          select: { id: true },
        });
      if (!run.rule.enabled) {
        await finish({ status: 'skipped', error: 'the rule was disabled before it ran' });
        return 'skipped';
      }
      const event: RuleEvent = {
        id: run.event.id,
        type: run.event.type as EventType,
        resource_id: run.event.resourceId,
        sequence: run.event.sequence,
        depth: run.event.depth,
        occurred_at: run.event.occurredAt,
        data: run.event.data,
      };
      const facts = await eventFacts(tx, event);
      if (!conditionsHold(run.rule.conditions, facts)) {
        await finish({ status: 'succeeded', matched: false });
        return 'succeeded';
      }
      await tx.$executeRaw`SELECT set_config('backroom.event_depth', ${String(event.depth + 1)}, true)`;
      const results = await runActions(tx, run.rule.actions as TAction[], {
        event,
        facts,
        rule: run.rule,
        runId,
      });
      const anyFailed = results.some((r) => r.status === 'failed');
      await finish({
        status: anyFailed ? 'failed' : 'succeeded',
        matched: true,
        results: results,
        error: anyFailed
          ? results
              .filter((r) => r.status === 'failed')
              .map((r) => r.detail)
              .join('; ')
          : null,
      });
      return anyFailed ? 'failed' : 'succeeded';
    });
  } catch (error) {
    // The transaction itself failed (a lost connection, a deadlock): try again later, then give up.
    const message = safeMessage(error);
    const run = await db.automationRun.findUnique({ where: { id: runId }, select: { attempts: true } });
    const last = (run?.attempts ?? MAX_ATTEMPTS) >= MAX_ATTEMPTS;
    await db.automationRun.updateMany({
      where: { id: runId, status: 'pending' },
      data: last
        ? { status: 'failed', error: message, lockedUntil: null, completedAt: new Date() }
        : { error: message, lockedUntil: new Date(Date.now() + 30_000) },
    });
    return last ? 'failed' : 'skipped';
  }
}

async function runActions(
  tx: Tx,
  actions: TAction[],
  ctx: Parameters<typeof executeAction>[2],
): Promise<ActionResult[]> {
  const results: ActionResult[] = [];
  for (const [i, stored] of actions.entries()) {
    const parsed = ZAction.safeParse(stored);
    if (!parsed.success) {
      results.push({ type: stored.type, status: 'failed', detail: 'the stored action is no longer valid' });
      continue;
    }
    await tx.$executeRawUnsafe(`SAVEPOINT automation_action_${i}`);
    try {
      results.push(await executeAction(tx, parsed.data, ctx));
      await tx.$executeRawUnsafe(`RELEASE SAVEPOINT automation_action_${i}`);
    } catch (error) {
      await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT automation_action_${i}`);
      results.push({ type: parsed.data.type, status: 'failed', detail: safeMessage(error) });
    }
  }
  return results;
}
