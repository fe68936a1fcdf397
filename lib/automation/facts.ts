import 'server-only';
import type { Tx } from '@/lib/db';
import { str } from './rules';
import { EVENT_RESOURCE, type EventType } from '@/lib/events/rules';

export type RuleEvent = {
  id: string;
  type: EventType;
  resource_id: string;
  sequence: number;
  depth: number;
  occurred_at: Date;
  data: unknown;
};

/** The event columns a rule is run against (RuleEvent, as Prisma names them). */
export const RULE_EVENT_SELECT = {
  id: true,
  type: true,
  resourceId: true,
  sequence: true,
  depth: true,
  occurredAt: true,
  data: true,
} as const;

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/**
 * What a rule's conditions see (decision 026): the event's data (the resource as the API returned
 * it when the event was written) plus a few derived fields the catalog in rules.ts lists —
 * `customer.order_count` for orders (orders of this customer up to and including this one, so 1 is
 * a new customer), `text` for tickets (subject and messages, lower case), `return_value` and
 * `reasons` for returns. Reads only.
 */
export async function eventFacts(tx: Tx, event: Pick<RuleEvent, 'type' | 'data'>): Promise<Obj> {
  const data = structuredClone(asObj(event.data));
  const resource = EVENT_RESOURCE[event.type];
  if (resource === 'order') {
    const customer = asObj(data.customer);
    const number = typeof data.number === 'number' ? data.number : null;
    if (typeof customer.id === 'string' && number !== null) {
      const [row] = await tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM orders WHERE customer_id = ${customer.id}::uuid AND number <= ${number}`;
      data.customer = { ...customer, order_count: row.n };
    }
  } else if (resource === 'ticket') {
    const messages = Array.isArray(data.messages) ? data.messages.map((m) => str(asObj(m).body)) : [];
    data.text = [str(data.subject), ...messages].join('\n').toLowerCase();
  } else if (resource === 'return') {
    const lines = Array.isArray(data.lines) ? data.lines.map(asObj) : [];
    // value of the returned items = Σ unit_price × quantity (minor units)
    data.return_value = lines.reduce(
      (sum, l) => sum + Number(l.unit_price ?? 0) * Number(l.quantity ?? 0),
      0,
    );
    data.reasons = [...new Set(lines.map((l) => str(l.reason)).filter(Boolean))];
  }
  return data;
}
