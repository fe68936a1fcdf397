import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { parseConditions, toJsonLogic } from './rules';
import { ZCreateRuleInput } from './schemas';
import { automationRuleDetail, type AutomationRuleDto } from './queries';
import { assertActionReferences } from './validate';

/**
 * Saves a rule (decision 026) after checking its conditions and actions against its event type
 * (unknown fields, operators or actions are a 422 naming them). Saved disabled unless
 * `enabled: true`: a rule runs only on events that occur after it is enabled.
 */
export async function createAutomationRule(
  options: { input: unknown; actor: Actor; now?: Date },
  tx?: Tx,
): Promise<AutomationRuleDto> {
  const input = ZCreateRuleInput.parse(options.input);
  // Stored as the form would build it (normalised JSON Logic).
  const conditions = toJsonLogic(parseConditions(input.conditions, input.event).set);
  const now = options.now ?? new Date();
  const run = async (t: Tx) => {
    await assertActionReferences(t, input.actions);
    const row = await t.automationRule.create({
      data: {
        name: input.name,
        event: input.event,
        conditions: conditions as Prisma.InputJsonValue,
        actions: input.actions,
        enabled: input.enabled,
        enabledAt: input.enabled ? now : null,
        template: input.template ?? null,
        createdBy: options.actor.label,
      },
      select: { id: true },
    });
    await audit(t, {
      actor: options.actor,
      action: 'automation_rule.created',
      entityType: 'automation_rule',
      entityId: row.id,
      after: {
        name: input.name,
        event: input.event,
        conditions,
        actions: input.actions,
        enabled: input.enabled,
      },
    });
    return automationRuleDetail(row.id, t);
  };
  return tx ? run(tx) : db.$transaction(run);
}
