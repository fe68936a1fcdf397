import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { automationRuleDetail } from './queries';

/** Deletes a rule and its run log (what its actions changed stays, with their own audit rows). */
export async function deleteAutomationRule(options: { id: string; actor: Actor }): Promise<void> {
  await db.$transaction(async (t) => {
    const before = await automationRuleDetail(options.id, t);
    await t.automationRule.delete({ where: { id: options.id }, select: { id: true } });
    await audit(t, {
      actor: options.actor,
      action: 'automation_rule.deleted',
      entityType: 'automation_rule',
      entityId: options.id,
      before: { name: before.name, event: before.event, enabled: before.enabled, runs: before.runs.total },
    });
  });
}
