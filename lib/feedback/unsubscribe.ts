import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { isUnsubscribeToken } from './links';

/**
 * The customer's "no more of these questions" from a survey email's signed link: no survey is sent
 * to them again (the send job skips them). Idempotent; a wrong token is a 404 and writes nothing.
 * Surveys already sent still answer.
 */
export async function unsubscribeFromSurveys(options: {
  customerId: string;
  token: string | null | undefined;
  now?: Date;
}): Promise<{ already: boolean }> {
  if (!isUnsubscribeToken(options.customerId, options.token))
    throw new AppError('NOT_FOUND', 'This link is not valid.');
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE customers SET feedback_unsubscribed_at = ${now}
      WHERE id = ${options.customerId}::uuid AND feedback_unsubscribed_at IS NULL RETURNING id::text`;
    if (!rows[0]) {
      const exists = await tx.customer.findUnique({
        where: { id: options.customerId },
        select: { id: true },
      });
      if (!exists) throw new AppError('NOT_FOUND', 'This link is not valid.');
      return { already: true };
    }
    await audit(tx, {
      actor: { type: 'system', id: null, label: `customer ${options.customerId} (unsubscribe link)` },
      action: 'customer.feedback_unsubscribed',
      entityType: 'customer',
      entityId: options.customerId,
      after: { feedback_unsubscribed_at: now.toISOString() },
    });
    return { already: false };
  });
}
