import 'server-only';
import type { Tx } from '@/lib/db';
import { audit } from '@/lib/audit';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { EVENT_RESOURCE } from '@/lib/events/rules';
import { recordOrderEvent } from '@/lib/events/resource-events';
import { changeOrderStatus } from '@/lib/orders/change-order-status';
import { canTransition, type OrderStatus } from '@/lib/orders/rules';
import { updateTicket } from '@/lib/support/update-ticket';
import { normalizeTags } from '@/lib/support/rules';
import { approveReturn } from '@/lib/returns/approve-return';
import { enqueueNotification } from '@/lib/notify/enqueue';
import { poLabel } from '@/lib/purchasing/rules';
import { fillPlaceholders } from './rules';
import type { TAction } from './schemas';
import { createDraftPos, draftPoPlan } from '@/lib/replenishment/create-draft-pos';
import type { RuleEvent } from './facts';

/** One action's outcome in a run's log: done (it changed something), nothing (no change needed), failed. */
export type ActionResult = { type: TAction['type']; status: 'done' | 'nothing' | 'failed'; detail: string };

export type ActionContext = {
  event: RuleEvent;
  facts: Record<string, unknown>;
  rule: { id: string; name: string };
  /** The run's id (dedupes emails); a dry run has none. */
  runId: string | null;
};

export function automationActor(rule: { name: string }): Actor {
  return { type: 'system', id: null, label: `automation: ${rule.name}`.slice(0, 200) };
}

/** The replenishment rule (decision 033) found nothing to draft. */
const NOTHING_TO_DRAFT =
  'no replenishment suggestion to draft: nothing at or below its reorder point that open POs and ' +
  'drafts do not cover (or no completed replenishment run yet)';

const fill = (text: string, ctx: ActionContext) => fillPlaceholders(text, ctx.facts, ctx.event);

function locationOf(ctx: ActionContext): string | undefined {
  return EVENT_RESOURCE[ctx.event.type] === 'stock_level' && typeof ctx.facts.location === 'string'
    ? ctx.facts.location
    : undefined;
}

async function recipients(tx: Tx, to: string): Promise<string[]> {
  if (to !== 'admins' && to !== 'managers') return [to];
  const users = await tx.user.findMany({
    where: { role: to === 'admins' ? 'admin' : 'manager', active: true },
    select: { email: true },
    orderBy: { email: 'asc' },
  });
  return users.map((u) => u.email);
}

async function lockedOrder(tx: Tx, id: string) {
  const [order] = await tx.$queryRaw<{ number: number; status: OrderStatus; tags: string[] }[]>`
    SELECT number, status::text AS status, tags FROM orders WHERE id = ${id}::uuid FOR UPDATE`;
  if (!order) throw new AppError('NOT_FOUND', 'The order is gone');
  return order;
}

/**
 * Runs one action for an event, in the run's transaction, through the domain's own use case (so it
 * is audited and records its own events, which carry the run's depth). Throws on failure; the
 * runner turns that into a failed result and rolls back just this action (a savepoint).
 */
export async function executeAction(tx: Tx, action: TAction, ctx: ActionContext): Promise<ActionResult> {
  const actor = automationActor(ctx.rule);
  const id = ctx.event.resource_id;
  const result = (status: ActionResult['status'], detail: string): ActionResult => ({
    type: action.type,
    status,
    detail,
  });
  switch (action.type) {
    case 'add_tag': {
      const tag = normalizeTags([fill(action.tag, ctx).slice(0, 40)])[0] ?? 'automation';
      if (EVENT_RESOURCE[ctx.event.type] === 'ticket') {
        const ticket = await tx.ticket.findUniqueOrThrow({
          where: { id },
          select: { tags: true, number: true },
        });
        if (ticket.tags.includes(tag))
          return result('nothing', `ticket #${ticket.number} is tagged ${tag} already`);
        await updateTicket({ ticketId: id, input: { tags: [...ticket.tags, tag] }, actor }, tx);
        return result('done', `tagged ticket #${ticket.number} ${tag}`);
      }
      const order = await lockedOrder(tx, id);
      if (order.tags.includes(tag))
        return result('nothing', `order #${order.number} is tagged ${tag} already`);
      const tags = normalizeTags([...order.tags, tag]);
      await tx.order.update({ where: { id }, data: { tags }, select: { id: true } });
      await audit(tx, {
        actor,
        action: 'order.tagged',
        entityType: 'order',
        entityId: id,
        before: { tags: order.tags },
        after: { tags },
      });
      await recordOrderEvent(tx, 'order.updated', id);
      return result('done', `tagged order #${order.number} ${tag}`);
    }
    case 'hold_order': {
      const order = await lockedOrder(tx, id);
      if (order.status === 'on_hold') return result('nothing', `order #${order.number} is on hold already`);
      const reason = fill(action.reason, ctx).slice(0, 200);
      await changeOrderStatus({ orderId: id, move: 'hold', reason, actor }, tx);
      return result('done', `held order #${order.number}: ${reason}`);
    }
    case 'set_ticket_priority': {
      const r = await updateTicket({ ticketId: id, input: { priority: action.priority }, actor }, tx);
      return r.changed
        ? result('done', `set ticket #${r.number} to ${action.priority} priority`)
        : result('nothing', `ticket #${r.number} is ${action.priority} priority already`);
    }
    case 'assign_ticket': {
      const r = await updateTicket({ ticketId: id, input: { assignee_id: action.assignee_id }, actor }, tx);
      const user = await tx.user.findUnique({ where: { id: action.assignee_id }, select: { name: true } });
      return r.changed
        ? result('done', `assigned ticket #${r.number} to ${user?.name ?? action.assignee_id}`)
        : result('nothing', `ticket #${r.number} is assigned to ${user?.name ?? action.assignee_id} already`);
    }
    case 'approve_return': {
      const r = await approveReturn(
        { returnId: id, input: action.message ? { message: fill(action.message, ctx) } : {}, actor },
        tx,
      );
      return result('done', `approved return #${r.number}`);
    }
    case 'send_email': {
      const to = await recipients(tx, action.to);
      if (!to.length) return result('nothing', `no active ${action.to} to email`);
      const subject = fill(action.subject, ctx).slice(0, 200);
      for (const address of to)
        await enqueueNotification(
          {
            template: 'automation_alert',
            to: address,
            data: { rule: ctx.rule.name, subject, body: fill(action.body, ctx) },
            dedupeKey: ctx.runId ? `automation:${ctx.runId}:${address}` : undefined,
          },
          tx,
        );
      return result('done', `emailed ${to.join(', ')}: ${subject}`);
    }
    case 'create_draft_pos': {
      const { created } = await createDraftPos(tx, {
        location: locationOf(ctx),
        actor,
        note: `Drafted by automation rule “${ctx.rule.name}”.`,
      });
      if (!created.length) return result('nothing', NOTHING_TO_DRAFT);
      const drafted = created.map(
        (p) => `${poLabel(p.po.number)} to ${p.supplier} (${p.po.lines.length} lines)`,
      );
      return result('done', `drafted ${drafted.join(', ')}`);
    }
    case 'call_webhook': {
      const endpoint = await tx.webhookEndpoint.findUnique({
        where: { id: action.webhook_id },
        select: { url: true, enabled: true },
      });
      if (!endpoint) throw new AppError('NOT_FOUND', 'The webhook subscription was deleted');
      if (!endpoint.enabled) return result('nothing', `the webhook to ${endpoint.url} is disabled`);
      // A delivery like the dispatcher's: signed, retried, SSRF-checked at connect time (lib/webhooks).
      const inserted = await tx.$executeRaw`
        INSERT INTO webhook_deliveries (endpoint_id, event_id, resource_key, sequence)
        VALUES (${action.webhook_id}::uuid, ${ctx.event.id}::uuid,
                ${`${EVENT_RESOURCE[ctx.event.type]}:${ctx.event.resource_id}`}, ${ctx.event.sequence})
        ON CONFLICT (endpoint_id, event_id) DO NOTHING`;
      return inserted
        ? result('done', `queued the event for ${endpoint.url}`)
        : result('nothing', `the event is already queued for ${endpoint.url}`);
    }
  }
}

/** What an action would do for an event, read-only (the dry run). */
export async function describeAction(tx: Tx, action: TAction, ctx: ActionContext): Promise<ActionResult> {
  const id = ctx.event.resource_id;
  const would = (detail: string): ActionResult => ({ type: action.type, status: 'done', detail });
  const nothing = (detail: string): ActionResult => ({ type: action.type, status: 'nothing', detail });
  const failed = (detail: string): ActionResult => ({ type: action.type, status: 'failed', detail });
  switch (action.type) {
    case 'add_tag': {
      const tag = normalizeTags([fill(action.tag, ctx).slice(0, 40)])[0] ?? 'automation';
      const ticket = EVENT_RESOURCE[ctx.event.type] === 'ticket';
      const row = ticket
        ? await tx.ticket.findUnique({ where: { id }, select: { tags: true, number: true } })
        : await tx.order.findUnique({ where: { id }, select: { tags: true, number: true } });
      const what = `${ticket ? 'ticket' : 'order'} #${row?.number ?? '?'}`;
      if (!row) return failed(`${what} no longer exists`);
      return row.tags.includes(tag)
        ? nothing(`${what} is tagged ${tag} already`)
        : would(`would tag ${what} ${tag}`);
    }
    case 'hold_order': {
      const order = await tx.order.findUnique({ where: { id }, select: { number: true, status: true } });
      if (!order) return failed('the order no longer exists');
      if (order.status === 'on_hold') return nothing(`order #${order.number} is on hold already`);
      if (!canTransition(order.status, 'hold'))
        return failed(`order #${order.number} is ${order.status.replace('_', ' ')} now and cannot be held`);
      return would(`would hold order #${order.number}: ${fill(action.reason, ctx)}`);
    }
    case 'set_ticket_priority':
    case 'assign_ticket': {
      const ticket = await tx.ticket.findUnique({
        where: { id },
        select: { number: true, priority: true, assigneeId: true, status: true },
      });
      if (!ticket) return failed('the ticket no longer exists');
      if (ticket.status === 'closed') return failed(`ticket #${ticket.number} is closed`);
      if (action.type === 'set_ticket_priority')
        return ticket.priority === action.priority
          ? nothing(`ticket #${ticket.number} is ${action.priority} priority already`)
          : would(`would set ticket #${ticket.number} to ${action.priority} priority`);
      const user = await tx.user.findUnique({ where: { id: action.assignee_id }, select: { name: true } });
      return ticket.assigneeId === action.assignee_id
        ? nothing(`ticket #${ticket.number} is assigned to ${user?.name} already`)
        : would(`would assign ticket #${ticket.number} to ${user?.name ?? action.assignee_id}`);
    }
    case 'approve_return': {
      const r = await tx.return.findUnique({ where: { id }, select: { number: true, status: true } });
      if (!r) return failed('the return no longer exists');
      return r.status === 'requested'
        ? would(`would approve return #${r.number}`)
        : failed(`return #${r.number} is ${r.status} now and cannot be approved`);
    }
    case 'send_email': {
      const to = await recipients(tx, action.to);
      return to.length
        ? would(`would email ${to.join(', ')}: ${fill(action.subject, ctx)}`)
        : nothing(`no active ${action.to} to email`);
    }
    case 'create_draft_pos': {
      const plans = await draftPoPlan(tx, { location: locationOf(ctx) });
      return plans.length
        ? would(
            `would draft ${plans
              .map(
                (p) =>
                  `a PO to ${p.supplier} for ${p.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')}`,
              )
              .join('; ')}`,
          )
        : nothing(NOTHING_TO_DRAFT);
    }
    case 'call_webhook': {
      const endpoint = await tx.webhookEndpoint.findUnique({
        where: { id: action.webhook_id },
        select: { url: true, enabled: true },
      });
      if (!endpoint) return failed('the webhook subscription was deleted');
      return endpoint.enabled
        ? would(`would send the event, signed, to ${endpoint.url}`)
        : nothing(`the webhook to ${endpoint.url} is disabled`);
    }
  }
}
