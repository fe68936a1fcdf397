import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { validationError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { parseConditions, toJsonLogic } from './rules';
import { ZStoredRule, ZUpdateRuleInput, type TAction } from './schemas';
import { automationRuleDetail, type AutomationRuleDto } from './queries';
import { assertActionReferences } from './validate';

/**
 * Changes a rule; what is given replaces what was stored, and the result is checked as a whole
 * (a new event type must still fit the stored conditions and actions). Enabling sets enabled_at:
 * the rule runs on events from then on, never on the backlog.
 */
export async function updateAutomationRule(options: {
  id: string;
  input: unknown;
  actor: Actor;
  now?: Date;
}): Promise<AutomationRuleDto> {
  const input = ZUpdateRuleInput.parse(options.input);
  const now = options.now ?? new Date();
  return db.$transaction(async (t: Tx) => {
    const before = await automationRuleDetail(options.id, t);
    const merged = ZStoredRule.safeParse({
      event: input.event ?? before.event,
      conditions: input.conditions ?? before.conditions,
      actions: input.actions ?? before.actions,
    });
    if (!merged.success) throw validationError(merged.error);
    const event = merged.data.event;
    const conditions = toJsonLogic(parseConditions(merged.data.conditions, event).set);
    const actions: TAction[] = merged.data.actions;
    if (input.actions) await assertActionReferences(t, actions);
    const enabling = input.enabled === true && !before.enabled;
    await t.automationRule.update({
      where: { id: options.id },
      data: {
        name: input.name,
        event,
        conditions: conditions as Prisma.InputJsonValue,
        actions: actions,
        enabled: input.enabled,
        ...(enabling ? { enabledAt: now } : {}),
      },
      select: { id: true },
    });
    const after = await automationRuleDetail(options.id, t);
    const view = (r: AutomationRuleDto) => ({
      name: r.name,
      event: r.event,
      conditions: r.conditions,
      actions: r.actions,
      enabled: r.enabled,
    });
    await audit(t, {
      actor: options.actor,
      action:
        input.enabled !== undefined && input.enabled !== before.enabled && Object.keys(input).length === 1
          ? input.enabled
            ? 'automation_rule.enabled'
            : 'automation_rule.disabled'
          : 'automation_rule.updated',
      entityType: 'automation_rule',
      entityId: options.id,
      before: view(before),
      after: view(after),
    });
    return after;
  });
}
