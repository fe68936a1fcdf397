import 'server-only';
import { db, type Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { enqueueNotification } from '@/lib/notify/enqueue';
import { trackingUrl } from '@/lib/support/rules';
import { agentName, lockTicket } from '@/lib/support/queries';

/**
 * "Resend shipping email" from a ticket: queues the `order_shipped` email again for the latest
 * shipment of the ticket's order, and leaves an internal note on the ticket saying so. A deliberate
 * resend, so no dedupe key: each click is one more email (the button asks first).
 */
export async function resendShippingEmail(options: { ticketId: string; actor: Actor; now?: Date }, tx?: Tx) {
  const now = options.now ?? new Date();
  const run = async (t: Tx) => {
    const ticket = await lockTicket(t, options.ticketId);
    if (!ticket.order_id)
      throw new AppError(
        'INVALID_STATE',
        'Link an order to this ticket first: there is no order to resend the shipping email for.',
      );
    const order = await t.order.findUniqueOrThrow({
      where: { id: ticket.order_id },
      select: {
        id: true,
        number: true,
        email: true,
        customer: { select: { firstName: true, lastName: true } },
        lines: { select: { quantity: true, quantityFulfilled: true } },
        shipments: {
          orderBy: { shippedAt: 'desc' },
          take: 1,
          select: {
            id: true,
            number: true,
            carrier: true,
            service: true,
            trackingNumber: true,
            status: true,
            lines: { select: { quantity: true, orderLine: { select: { sku: true, name: true } } } },
          },
        },
      },
    });
    const shipment = order.shipments[0];
    if (!shipment || shipment.status === 'voided')
      throw new AppError(
        'INVALID_STATE',
        `Order #${order.number} has not shipped yet: there is no shipping email to resend.`,
      );
    const partial = order.lines.some((l) => l.quantityFulfilled < l.quantity);
    const message = await enqueueNotification(
      {
        template: 'order_shipped',
        to: order.email,
        orderId: order.id,
        ticketId: ticket.id,
        data: {
          customer_name: `${order.customer.firstName} ${order.customer.lastName}`.trim(),
          order_number: order.number,
          carrier: shipment.carrier,
          service: shipment.service,
          tracking_number: shipment.trackingNumber,
          tracking_url: trackingUrl(shipment.carrier, shipment.trackingNumber),
          lines: shipment.lines.map((l) => ({
            sku: l.orderLine.sku,
            name: l.orderLine.name,
            quantity: l.quantity,
          })),
          partial,
        },
      },
      t,
    );
    await t.ticketMessage.create({
      data: {
        ticketId: ticket.id,
        kind: 'note',
        body: `Resent the shipping email for shipment #${shipment.number} of order #${order.number} to ${order.email}.`,
        authorType: options.actor.type,
        authorId: options.actor.id,
        authorLabel: options.actor.type === 'user' ? await agentName(options.actor, t) : options.actor.label,
        createdAt: now,
      },
    });
    await audit(t, {
      actor: options.actor,
      action: 'order.shipping_email_resent',
      entityType: 'order',
      entityId: order.id,
      after: {
        shipment_id: shipment.id,
        shipment_number: shipment.number,
        ticket_id: ticket.id,
        outbox_message_id: message.id,
      },
    });
    return {
      order_number: order.number,
      shipment_number: shipment.number,
      to: order.email,
      outbox_message_id: message.id,
    };
  };
  return tx ? run(tx) : db.$transaction(run);
}
