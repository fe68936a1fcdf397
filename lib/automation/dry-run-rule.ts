import 'server-only';
import { db } from '@/lib/db';
import type { EventType } from '@/lib/events/rules';
import { ZAction, ZDryRunInput } from './schemas';
import { automationRuleDetail } from './queries';
import { eventFacts, RULE_EVENT_SELECT, type RuleEvent } from './facts';
import { describeAction, type ActionResult } from './actions';
import { conditionsHold } from './run-rules';

export type DryRunMatch = {
  event_id: string;
  event_type: string;
  resource_id: string;
  occurred_at: string;
  depth: number;
  actions: ActionResult[];
};

/**
 * Which of the latest `limit` events of the rule's type would have matched, and what each action
 * would have done to the resource as it is now (decision 026). Runs in a READ ONLY transaction, so
 * it cannot write anything — not a run row, not an audit row.
 */
export async function dryRunAutomationRule(options: {
  id: string;
  input?: unknown;
}): Promise<{ evaluated: number; matched: DryRunMatch[] }> {
  const { limit } = ZDryRunInput.parse(options.input ?? {});
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SET TRANSACTION READ ONLY`;
    const rule = await automationRuleDetail(options.id, tx);
    const events = await tx.event.findMany({
      where: { type: rule.event },
      orderBy: { position: 'desc' },
      take: limit,
      select: RULE_EVENT_SELECT,
    });
    const actions = rule.actions.flatMap((a) => {
      const parsed = ZAction.safeParse(a);
      return parsed.success ? [parsed.data] : [];
    });
    const matched: DryRunMatch[] = [];
    for (const e of events) {
      const event: RuleEvent = {
        id: e.id,
        type: e.type as EventType,
        resource_id: e.resourceId,
        sequence: e.sequence,
        depth: e.depth,
        occurred_at: e.occurredAt,
        data: e.data,
      };
      const facts = await eventFacts(tx, event);
      if (!conditionsHold(rule.conditions, facts)) continue;
      const ctx = { event, facts, rule, runId: null };
      const results: ActionResult[] = [];
      for (const action of actions) results.push(await describeAction(tx, action, ctx));
      matched.push({
        event_id: e.id,
        event_type: e.type,
        resource_id: e.resourceId,
        occurred_at: e.occurredAt.toISOString(),
        depth: e.depth,
        actions: results,
      });
    }
    return { evaluated: events.length, matched };
  });
}
