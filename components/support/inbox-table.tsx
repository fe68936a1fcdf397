'use client';

import Link from 'next/link';
import { useMemo, type ReactNode } from 'react';
import type { SlaClock } from '@/lib/support/rules';
import { DataTable, type DataTableColumn } from '@/components/data-table/data-table';
import {
  PriorityBadge,
  SlaBadge,
  TicketStatusBadge,
  TICKET_CHANNEL_LABEL,
} from '@/components/support/ticket-badges';

export type InboxRow = {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  channel: string;
  tags: string[];
  customer: { name: string; email: string };
  order_number: number | null;
  assignee: string | null;
  last_message_at: string;
  sla: { first_response: SlaClock; resolution: SlaClock; next_due_at: string | null };
};

/**
 * The inbox list on the shared data table: the list keys (j / k or the arrows inside the list,
 * Enter, `/`) come with it (components/data-table/use-list-keys.ts). The Ticket (its creation), Status /
 * priority, SLA (the next due time) and Last message headers sort it into the URL's sort/dir
 * (INBOX_SORT in lib/support/queries.ts); the filter form's Sort select shows and sets the same sort.
 */
export function InboxTable({
  rows,
  timeZone,
  sort,
  toolbar,
}: {
  rows: InboxRow[];
  timeZone: string;
  /** the server's sort (INBOX_SORT) */
  sort: { id: string; desc: boolean };
  /** the inbox's heading row, which the Columns button joins */
  toolbar?: ReactNode;
}) {
  const columns = useMemo<DataTableColumn<InboxRow>[]>(() => {
    const when = new Intl.DateTimeFormat('en-US', {
      timeZone,
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    return [
      {
        // by creation, the newest first
        id: 'created',
        header: 'Ticket',
        sortDescFirst: true,
        enableHiding: false,
        cell: ({ row: { original: t } }) => (
          <>
            <Link href={`/support/${t.id}`} className="block font-medium text-brand-700 underline">
              <span className="mr-2 text-slate-600 no-underline">#{t.number}</span>
              {t.subject}
            </Link>
            <span className="mt-0.5 block text-xs text-slate-600">
              {TICKET_CHANNEL_LABEL[t.channel] ?? t.channel}
              {t.order_number ? ` · order #${t.order_number}` : ''}
              {t.tags.length ? ` · ${t.tags.join(', ')}` : ''}
            </span>
          </>
        ),
      },
      {
        id: 'customer',
        header: 'Customer',
        enableSorting: false,
        cell: ({ row: { original: t } }) => (
          <span className="block min-w-0 break-words">
            <span className="block">{t.customer.name || t.customer.email}</span>
            <span className="block break-all text-slate-600">{t.customer.email}</span>
          </span>
        ),
      },
      {
        // by priority, urgent first
        id: 'priority',
        header: 'Status / priority',
        cell: ({ row: { original: t } }) => (
          <span className="flex flex-col items-start gap-1">
            <TicketStatusBadge status={t.status} />
            <PriorityBadge priority={t.priority} />
          </span>
        ),
      },
      {
        // by the next due time, the soonest first
        id: 'due',
        header: 'SLA',
        cell: ({ row: { original: t } }) => (
          <SlaBadge
            firstResponse={t.sla.first_response}
            resolution={t.sla.resolution}
            nextDueAt={t.sla.next_due_at}
            timeZone={timeZone}
          />
        ),
      },
      {
        id: 'assignee',
        header: 'Assignee',
        enableSorting: false,
        cell: ({ row: { original: t } }) => t.assignee ?? <span className="text-slate-600">Unassigned</span>,
      },
      {
        // the latest first
        id: 'last_message',
        header: 'Last message',
        sortDescFirst: true,
        cell: ({ row: { original: t } }) => (
          <span className="whitespace-nowrap">{when.format(new Date(t.last_message_at))}</span>
        ),
      },
    ];
  }, [timeZone]);

  return (
    <DataTable
      caption="Tickets"
      columns={columns}
      data={rows}
      getRowId={(t) => t.id}
      sort={sort}
      noun={['ticket', 'tickets']}
      storageKey="support-inbox"
      toolbar={toolbar}
    />
  );
}
