'use client';

import { FormMessage, SelectField, SubmitButton, Field } from '@/components/ui/form';
import { useActionForm } from '@/components/ui/use-action-form';
import { changeTicketStatusAction, updateTicketAction } from '@/lib/support/actions';
import type { ActionState } from '@/lib/server-action';
import { PRIORITY_LABEL, TICKET_STATUS_LABEL } from '@/components/support/ticket-badges';

type Props = {
  ticketId: string;
  status: string;
  /** the statuses the transition table allows from here (the current one first) */
  statusChoices: string[];
  priority: string;
  assigneeId: string | null;
  tags: string[];
  agents: { id: string; name: string }[];
  priorities: readonly string[];
};

/** Status (through the transition table), priority, assignee and tags. A closed ticket shows them read-only. */
export function TicketProperties({
  ticketId,
  status,
  statusChoices,
  priority,
  assigneeId,
  tags,
  agents,
  priorities,
}: Props) {
  const move = useActionForm<ActionState>(changeTicketStatusAction, null);
  const props = useActionForm<ActionState>(updateTicketAction, null);
  const closed = status === 'closed';
  const errors = props.state && !props.state.ok ? (props.state.fieldErrors ?? {}) : {};

  return (
    <div className="space-y-4">
      <form onSubmit={move.onSubmit} aria-label="Ticket status" className="space-y-2">
        <input type="hidden" name="ticketId" value={ticketId} />
        <SelectField
          label="Status"
          name="status"
          id="ticket-status"
          defaultValue={status}
          key={status}
          disabled={closed}
          options={statusChoices.map((s) => ({ value: s, label: TICKET_STATUS_LABEL[s] ?? s }))}
        />
        {!closed && (
          <SubmitButton variant="secondary" pending={move.pending} pendingText="Saving…">
            Set status
          </SubmitButton>
        )}
        {closed && (
          <p className="text-sm text-slate-700">
            Closed tickets are final: a new message from the customer opens a new ticket.
          </p>
        )}
        <FormMessage state={move.state} />
      </form>

      {!closed && (
        <form
          onSubmit={props.onSubmit}
          aria-label="Ticket properties"
          className="space-y-2 border-t border-slate-200 pt-4"
        >
          <input type="hidden" name="ticketId" value={ticketId} />
          <SelectField
            label="Priority"
            name="priority"
            id="ticket-priority"
            defaultValue={priority}
            error={errors.priority}
            options={priorities.map((p) => ({ value: p, label: PRIORITY_LABEL[p] ?? p }))}
          />
          <SelectField
            label="Assignee"
            name="assignee_id"
            id="ticket-assignee"
            defaultValue={assigneeId ?? ''}
            error={errors.assignee_id}
            options={[
              { value: '', label: 'Unassigned' },
              ...agents.map((a) => ({ value: a.id, label: a.name })),
            ]}
          />
          <Field
            label="Tags"
            name="tags"
            id="ticket-tags"
            defaultValue={tags.join(', ')}
            hint="Comma-separated, e.g. damaged, late-delivery"
            error={errors.tags ?? errors['tags.0']}
          />
          <SubmitButton variant="secondary" pending={props.pending} pendingText="Saving…">
            Save properties
          </SubmitButton>
          <FormMessage
            state={props.state && !props.state.ok && Object.keys(errors).length ? null : props.state}
          />
        </form>
      )}
    </div>
  );
}
