import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { TICKET_PRIORITIES } from '@/lib/support/rules';
import { slaSettings } from '@/lib/support/queries';
import { ZSlaSettingsInput, type TSlaSettingsInput } from '@/lib/support/schemas';

/**
 * Saves the SLA policies and the desk's calendar. Applies to tickets that arrive from now on (and to
 * a ticket whose priority changes); due times already promised are not moved.
 */
export async function updateSlaSettings(options: { input: TSlaSettingsInput; actor: Actor }, tx?: Tx) {
  const input = ZSlaSettingsInput.parse(options.input);
  const run = async (t: Tx) => {
    const before = await slaSettings(t);
    const days = [...new Set(input.business_days)].sort();
    await t.supportSettings.upsert({
      where: { id: 1 },
      create: {
        id: 1,
        businessHoursOnly: input.business_hours_only,
        businessDays: days,
        opensAtMinute: input.opens_at,
        closesAtMinute: input.closes_at,
      },
      update: {
        businessHoursOnly: input.business_hours_only,
        businessDays: days,
        opensAtMinute: input.opens_at,
        closesAtMinute: input.closes_at,
      },
    });
    for (const priority of TICKET_PRIORITIES) {
      const p = input.policies[priority];
      await t.slaPolicy.upsert({
        where: { priority },
        create: {
          priority,
          firstResponseMinutes: p.first_response_minutes,
          resolutionMinutes: p.resolution_minutes,
        },
        update: { firstResponseMinutes: p.first_response_minutes, resolutionMinutes: p.resolution_minutes },
      });
    }
    const after = await slaSettings(t);
    await audit(t, {
      actor: options.actor,
      action: 'sla_settings.updated',
      entityType: 'sla_settings',
      entityId: '1',
      before,
      after,
    });
    return after;
  };
  return tx ? run(tx) : db.$transaction(run);
}
