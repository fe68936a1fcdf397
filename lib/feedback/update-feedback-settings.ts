import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { ZFeedbackSettingsInput } from './schemas';
import { feedbackSettings, type FeedbackSettingsDto } from './queries';

/** Settings → Feedback: per-channel delays, support surveys, reopen on a bad rating, sending limit, link life. */
export async function updateFeedbackSettings(options: {
  input: unknown;
  actor: Actor;
}): Promise<FeedbackSettingsDto> {
  const input = ZFeedbackSettingsInput.parse(options.input);
  return db.$transaction(async (tx) => {
    const before = await feedbackSettings(tx);
    await tx.feedbackSettings.update({
      where: { id: 1 },
      data: {
        deliveryDelayDays: input.delivery_delay_days,
        ticketSurveys: input.ticket_surveys,
        reopenOnBadRating: input.reopen_on_bad_rating,
        dailySendLimit: input.daily_send_limit,
        linkValidDays: input.link_valid_days,
      },
    });
    const after = await feedbackSettings(tx);
    await audit(tx, {
      actor: options.actor,
      action: 'feedback_settings.updated',
      entityType: 'shop',
      entityId: '1',
      before,
      after,
    });
    return after;
  });
}
