import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError, validationError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { ZAddress } from '@/lib/address';

export const ZUpdateLocationInput = z.object({
  code: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1, 'Name the location').max(120),
  address: ZAddress,
});
export type TUpdateLocationInput = z.input<typeof ZUpdateLocationInput>;

/** Renames a location and sets its postal address (the ship-from on its labels). */
export async function updateLocation(options: { input: TUpdateLocationInput; actor: Actor }) {
  const parsed = ZUpdateLocationInput.safeParse(options.input);
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;
  return db.$transaction(async (tx) => {
    const before = await tx.location.findUnique({
      where: { code: input.code },
      select: { id: true, name: true, address: true },
    });
    if (!before) throw new AppError('NOT_FOUND', `No location ${input.code}`);
    await tx.location.update({
      where: { id: before.id },
      data: { name: input.name, address: input.address },
      select: { id: true },
    });
    await audit(tx, {
      actor: options.actor,
      action: 'location.updated',
      entityType: 'location',
      entityId: before.id,
      before: { name: before.name, address: before.address },
      after: { name: input.name, address: input.address },
    });
    return { code: input.code, name: input.name, address: input.address };
  });
}
