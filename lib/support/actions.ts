'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { action, callAction } from '@/lib/server-action';
import { AppError } from '@/lib/errors';
import { addTicketMessage } from '@/lib/support/add-ticket-message';
import { changeTicketStatus } from '@/lib/support/change-ticket-status';
import { updateTicket } from '@/lib/support/update-ticket';
import { resendShippingEmail } from '@/lib/support/resend-shipping-email';
import { saveCannedReply } from '@/lib/support/save-canned-reply';
import { deleteCannedReply } from '@/lib/support/delete-canned-reply';
import { updateSlaSettings } from '@/lib/support/update-sla-settings';
import type { TSlaSettingsInput } from '@/lib/support/schemas';
import { previewReply } from '@/lib/support/queries';
import { TICKET_PRIORITIES, TICKET_STATUSES, type RenderedReply } from '@/lib/support/rules';
import { formText } from '@/lib/form-data';

const field = (formData: FormData, name: string) => formText(formData, name);
const ticketPath = (id: string) => `/support/${encodeURIComponent(id)}`;
const STATUS_DONE: Record<string, string> = {
  open: 'reopened',
  pending: 'set to pending',
  solved: 'solved',
  closed: 'closed',
};
const ZStatus = z.enum(TICKET_STATUSES);

/** The composer: a public reply (emailed; placeholders filled) or an internal note. support:tickets. */
export const sendTicketMessageAction = action(
  { permission: 'support:tickets' },
  async ({ actor, formData }) => {
    const ticketId = field(formData, 'ticketId');
    const kind = field(formData, 'kind') === 'note' ? 'note' : 'reply';
    const status = field(formData, 'status');
    const requested = status && status !== 'keep' ? ZStatus.safeParse(status) : null;
    if (requested && !requested.success)
      throw new AppError('VALIDATION_FAILED', 'Unknown status', [
        { field: 'status', message: 'Choose a status' },
      ]);
    const result = await addTicketMessage({
      ticketId,
      kind,
      body: field(formData, 'body'),
      status: kind === 'reply' ? requested?.data : undefined,
      actor,
    });
    revalidatePath(ticketPath(ticketId));
    revalidatePath('/support');
    if (kind === 'note') return { message: 'Internal note added.' };
    const now = result.status !== 'open' ? `; the ticket is ${result.status}` : '';
    return { message: `Reply sent to ${result.customer.email}${now}.` };
  },
);

/** The reply as the customer will get it, before sending. */
export const previewReplyAction = callAction<[ticketId: string, body: string], RenderedReply>(
  { permission: 'support:tickets' },
  async ({ actor }, ticketId, body) => {
    const data = await previewReply({ ticketId, body, actor });
    const unsendable = data.unknown.length || data.missing.length;
    return { message: unsendable ? 'This reply cannot be sent as it is.' : 'Preview ready.', data };
  },
);

export const changeTicketStatusAction = action(
  { permission: 'support:tickets' },
  async ({ actor, formData }) => {
    const ticketId = field(formData, 'ticketId');
    const status = ZStatus.safeParse(field(formData, 'status'));
    if (!status.success)
      throw new AppError('VALIDATION_FAILED', 'Choose a status', [
        { field: 'status', message: 'Choose a status' },
      ]);
    const result = await changeTicketStatus({ ticketId, status: status.data, actor });
    revalidatePath(ticketPath(ticketId));
    revalidatePath('/support');
    return {
      message: result.changed
        ? `Ticket #${result.number} ${STATUS_DONE[result.status]}.`
        : `Ticket #${result.number} is already ${result.status}.`,
    };
  },
);

/** Priority, assignee and tags (comma-separated in the form). */
export const updateTicketAction = action({ permission: 'support:tickets' }, async ({ actor, formData }) => {
  const ticketId = field(formData, 'ticketId');
  const priority = field(formData, 'priority');
  if (!(TICKET_PRIORITIES as readonly string[]).includes(priority))
    throw new AppError('VALIDATION_FAILED', 'Choose a priority', [
      { field: 'priority', message: 'Choose a priority' },
    ]);
  const tags = field(formData, 'tags')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const result = await updateTicket({
    ticketId,
    input: {
      priority: priority as (typeof TICKET_PRIORITIES)[number],
      assignee_id: field(formData, 'assignee_id'),
      tags,
    },
    actor,
  });
  revalidatePath(ticketPath(ticketId));
  revalidatePath('/support');
  return { message: result.changed ? 'Ticket updated.' : 'Nothing changed.' };
});

export const resendShippingEmailAction = action(
  { permission: 'support:tickets' },
  async ({ actor, formData }) => {
    const ticketId = field(formData, 'ticketId');
    const result = await resendShippingEmail({ ticketId, actor });
    revalidatePath(ticketPath(ticketId));
    return { message: `Shipping email for order #${result.order_number} queued to ${result.to}.` };
  },
);

export const saveCannedReplyAction = action(
  { permission: 'support:tickets' },
  async ({ actor, formData }) => {
    const id = field(formData, 'id') || undefined;
    const row = await saveCannedReply({
      id,
      input: { name: field(formData, 'name'), body: field(formData, 'body') },
      actor,
    });
    revalidatePath('/support/canned-replies');
    return { message: id ? `Saved “${row.name}”.` : `Added “${row.name}”.` };
  },
);

export const deleteCannedReplyAction = action(
  { permission: 'support:tickets' },
  async ({ actor, formData }) => {
    const row = await deleteCannedReply({ id: field(formData, 'id'), actor });
    revalidatePath('/support/canned-replies');
    return { message: `Deleted “${row.name}”.` };
  },
);

/** SLA policies and business hours: settings:write (admin), like the shop's other settings. */
export const updateSlaSettingsAction = action(
  { permission: 'settings:write' },
  async ({ actor, formData }) => {
    const policies = Object.fromEntries(
      TICKET_PRIORITIES.map((p) => [
        p,
        {
          first_response_minutes: field(formData, `${p}.first_response_minutes`),
          resolution_minutes: field(formData, `${p}.resolution_minutes`),
        },
      ]),
      // Object.fromEntries loses the keys; the map above gives every priority one entry.
    ) as TSlaSettingsInput['policies'];
    await updateSlaSettings({
      input: {
        business_hours_only: field(formData, 'business_hours_only') === 'business',
        business_days: formData.getAll('business_days').map(Number),
        opens_at: field(formData, 'opens_at'),
        closes_at: field(formData, 'closes_at'),
        policies,
      },
      actor,
    });
    revalidatePath('/support/sla');
    return { message: 'SLA settings saved. They apply to tickets that arrive from now on.' };
  },
);
