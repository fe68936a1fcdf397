/**
 * The domain event types (issue 14, decision 022). Pure data: imported by the API schemas, the
 * webhook screens and the use cases that record them.
 */
export const EVENT_TYPES = [
  'order.created',
  'order.updated',
  'order.held',
  'order.cancelled',
  'order.fulfilled',
  'shipment.created',
  'shipment.delivered',
  'return.requested',
  'return.received',
  'refund.issued',
  'inventory.low_stock',
  'inventory.adjusted',
  'ticket.created',
  'ticket.replied',
  'purchase_order.received',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The resource an event type is about: its `resource_id` names one of these. */
export const EVENT_RESOURCE: Record<EventType, string> = {
  'order.created': 'order',
  'order.updated': 'order',
  'order.held': 'order',
  'order.cancelled': 'order',
  'order.fulfilled': 'order',
  'shipment.created': 'shipment',
  'shipment.delivered': 'shipment',
  'return.requested': 'return',
  'return.received': 'return',
  'refund.issued': 'refund',
  'inventory.low_stock': 'stock_level',
  'inventory.adjusted': 'stock_level',
  'ticket.created': 'ticket',
  'ticket.replied': 'ticket',
  'purchase_order.received': 'purchase_order',
};

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/** Does a subscription's list (event types, or ['*']) take this event type? */
export function subscribes(events: readonly string[], type: string): boolean {
  return events.includes('*') || events.includes(type);
}

/**
 * The moment before which events (and their finished deliveries and runs) are pruned: `days` whole
 * days of 24 hours before `now` (decision 045). Pure, so the prune and its tests agree.
 */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}
