import 'server-only';
import { z } from 'zod';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { validationError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { CHANNELS } from '@/lib/orders/schemas';
import { SERVICE_LEVELS, normalizeMethod } from '@/lib/shipping/service-levels';

export const ZSetServiceLevelInput = z.object({
  channel: z.enum(CHANNELS, { error: `Choose a channel: ${CHANNELS.join(', ')}` }),
  method: z
    .string({ error: 'Enter the shipping method as the channel sends it' })
    .trim()
    .min(1, 'Enter the shipping method as the channel sends it')
    .max(120, 'At most 120 characters'),
  level: z.enum(SERVICE_LEVELS, { error: `Choose a service level: ${SERVICE_LEVELS.join(', ')}` }),
});
export type TSetServiceLevelInput = z.input<typeof ZSetServiceLevelInput>;

/** Maps a channel's shipping method to a service level (decision 031), audited; a second call changes it. */
export async function setServiceLevel(options: { input: TSetServiceLevelInput; actor: Actor }, tx?: Tx) {
  const parsed = ZSetServiceLevelInput.safeParse(options.input);
  if (!parsed.success) throw validationError(parsed.error);
  const { channel, level } = parsed.data;
  const method = normalizeMethod(parsed.data.method);
  const run = async (tx: Tx) => {
    const before = await tx.shippingServiceLevel.findUnique({
      where: { channel_method: { channel, method } },
      select: { level: true },
    });
    await tx.shippingServiceLevel.upsert({
      where: { channel_method: { channel, method } },
      update: { level },
      create: { channel, method, level },
      select: { channel: true },
    });
    await audit(tx, {
      actor: options.actor,
      action: 'shipping.service_level_set',
      entityType: 'shipping_service_level',
      entityId: `${channel}:${method}`,
      before: before ? { level: before.level } : null,
      after: { channel, method, level },
    });
    return { channel, method, level };
  };
  return tx ? run(tx) : db.$transaction(run);
}
