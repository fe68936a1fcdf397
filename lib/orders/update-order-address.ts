import 'server-only';
import { recordOrderEvent } from '@/lib/events/resource-events';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { lockOrder } from '@/lib/orders/lock-order';
import { ZAddress, type TAddress } from '@/lib/address';

/** Addresses can change until something has shipped (a parcel cannot be re-addressed from here). */
const EDITABLE = new Set(['pending_review', 'open', 'on_hold']);

/** Corrects the shipping or billing address of an order that has not shipped, validated per country. */
export async function updateOrderAddress(options: {
  orderId: string;
  kind: 'shipping' | 'billing';
  address: unknown;
  actor: Actor;
}) {
  const parsed = ZAddress.safeParse(options.address);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Check the address',
      parsed.error.issues.map((i) => ({
        field: `${options.kind}_address.${i.path.join('.')}`,
        message: i.message,
      })),
    );
  }
  const address: TAddress = parsed.data;
  return db.$transaction(async (tx) => {
    const order = await lockOrder(tx, options.orderId);
    if (!EDITABLE.has(order.status))
      throw new AppError(
        'INVALID_STATE',
        `The address of a ${order.status.replace('_', ' ')} order can no longer be changed.`,
      );
    const before = await tx.order.findUniqueOrThrow({
      where: { id: order.id },
      select: { shippingAddress: true, billingAddress: true },
    });
    await tx.order.update({
      where: { id: order.id },
      data:
        options.kind === 'shipping'
          ? { shippingAddress: address as Prisma.InputJsonValue }
          : { billingAddress: address as Prisma.InputJsonValue },
      select: { id: true },
    });
    await audit(tx, {
      actor: options.actor,
      action: `order.${options.kind}_address_changed`,
      entityType: 'order',
      entityId: order.id,
      before: options.kind === 'shipping' ? before.shippingAddress : before.billingAddress,
      after: address,
    });
    await recordOrderEvent(tx, 'order.updated', order.id);
    return address;
  });
}
