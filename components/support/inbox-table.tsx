'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import type { SlaClock } from '@/lib/support/rules';
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
 * The inbox list with keyboard navigation: j / k (anywhere on the page outside a text field) or the
 * arrow keys (inside the list) move between tickets, Enter opens the focused one (it is a link).
 * The focused row is highlighted and outlined, so the focus is always visible.
 */
export function InboxTable({ rows, timeZone }: { rows: InboxRow[]; timeZone: string }) {
  const table = useRef<HTMLTableElement>(null);
  const links = useRef<(HTMLAnchorElement | null)[]>([]);
  const last = useRef(-1);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || !rows.length) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      const down = event.key === 'j' || event.key === 'ArrowDown';
      const up = event.key === 'k' || event.key === 'ArrowUp';
      if (!down && !up) return;
      // The arrow keys scroll the page as usual unless the focus is already in the list.
      if (event.key.startsWith('Arrow') && !table.current?.contains(target)) return;
      event.preventDefault();
      const focused = links.current.findIndex((el) => el === document.activeElement);
      const from = focused >= 0 ? focused : last.current;
      const next = from < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, from + (down ? 1 : -1)));
      links.current[next]?.focus();
      links.current[next]?.scrollIntoView({ block: 'nearest' });
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [rows.length]);

  const when = new Intl.DateTimeFormat('en-US', {
    timeZone,
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });

  return (
    <table ref={table} className="w-full text-left text-sm" aria-describedby="inbox-keys">
      <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
        <tr>
          <th scope="col" className="px-4 py-2 font-medium">
            Ticket
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            Customer
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            Status / priority
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            SLA
          </th>
          <th scope="col" className="px-3 py-2 font-medium">
            Assignee
          </th>
          <th scope="col" className="px-4 py-2 font-medium">
            Last message
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((t, i) => (
          <tr
            key={t.id}
            data-ticket-row
            className="border-b border-slate-100 hover:bg-slate-50 focus-within:bg-brand-50 focus-within:outline focus-within:outline-2 focus-within:-outline-offset-2 focus-within:outline-brand-600"
          >
            <td className="px-4 py-2">
              <Link
                href={`/support/${t.id}`}
                ref={(el) => {
                  links.current[i] = el;
                }}
                onFocus={() => {
                  last.current = i;
                }}
                className="block font-medium text-brand-700 underline"
              >
                <span className="mr-2 text-slate-600 no-underline">#{t.number}</span>
                {t.subject}
              </Link>
              <span className="mt-0.5 block text-xs text-slate-600">
                {TICKET_CHANNEL_LABEL[t.channel] ?? t.channel}
                {t.order_number ? ` · order #${t.order_number}` : ''}
                {t.tags.length ? ` · ${t.tags.join(', ')}` : ''}
              </span>
            </td>
            <td className="px-3 py-2">
              <span className="block">{t.customer.name || t.customer.email}</span>
              <span className="block text-slate-600">{t.customer.email}</span>
            </td>
            <td className="px-3 py-2">
              <span className="flex flex-col items-start gap-1">
                <TicketStatusBadge status={t.status} />
                <PriorityBadge priority={t.priority} />
              </span>
            </td>
            <td className="px-3 py-2">
              <SlaBadge
                firstResponse={t.sla.first_response}
                resolution={t.sla.resolution}
                nextDueAt={t.sla.next_due_at}
                timeZone={timeZone}
              />
            </td>
            <td className="px-3 py-2">{t.assignee ?? <span className="text-slate-600">Unassigned</span>}</td>
            <td className="whitespace-nowrap px-4 py-2">{when.format(new Date(t.last_message_at))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
