import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { roleHas } from '@/lib/auth/permissions';
import type { TAction } from './schemas';

/**
 * The checks a schema cannot make: an assignee must be an active person who takes tickets, a
 * webhook must be an existing subscription. 422 naming `actions.i.<field>`.
 */
export async function assertActionReferences(tx: Tx, actions: TAction[]): Promise<void> {
  const issues: { field: string; message: string }[] = [];
  for (const [i, action] of actions.entries()) {
    if (action.type === 'assign_ticket') {
      const user = await tx.user.findUnique({
        where: { id: action.assignee_id },
        select: { active: true, role: true },
      });
      if (!user || !user.active || !roleHas(user.role, 'support:tickets'))
        issues.push({
          field: `actions.${i}.assignee_id`,
          message: 'Choose an active support agent, manager or admin',
        });
    }
    if (action.type === 'call_webhook') {
      const endpoint = await tx.webhookEndpoint.findUnique({
        where: { id: action.webhook_id },
        select: { id: true },
      });
      if (!endpoint)
        issues.push({
          field: `actions.${i}.webhook_id`,
          message: 'No webhook subscription with this id (an admin adds them under Settings → Webhooks)',
        });
    }
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', 'Some actions point at nothing', issues);
}
