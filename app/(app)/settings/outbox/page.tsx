import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { OUTBOX_SORT, outboxList, ZOutboxQuery } from '@/lib/notify/queries';
import { readSort, sortParams } from '@/lib/list/sort';
import { shopTimezone } from '@/lib/settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { ListTable } from '@/components/data-table/list-table';
import { inputClass } from '@/components/ui/form';
import { ResendMessageButton } from '@/components/settings/resend-message-button';
import { FilterInput } from '@/components/page/filter-fields';
import { FilterBar } from '@/components/data-table/list-chrome';
import { Card } from '@/components/page/card';

export const metadata: Metadata = { title: 'Outbox' };

const STATUS_LABEL = { pending: 'Waiting', sent: 'Sent', failed: 'Failed' } as const;
const STATUS_CLASS = {
  pending: 'bg-amber-100 text-amber-900',
  sent: 'bg-emerald-100 text-emerald-900',
  failed: 'bg-red-100 text-red-900',
} as const;

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await requirePagePermission('settings:write', '/settings/outbox');
  const raw = await searchParams;
  const query = ZOutboxQuery.parse(raw);
  const { sort } = readSort(raw, OUTBOX_SORT);
  const [outbox, tz] = await Promise.all([outboxList(query, sort), shopTimezone()]);
  const when = (iso: string) =>
    new Date(iso).toLocaleString('en-US', { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' });
  const next = new URLSearchParams({
    ...(query.status ? { status: query.status } : {}),
    ...(query.to ? { to: query.to } : {}),
    ...sortParams(sort, OUTBOX_SORT),
    ...(outbox.next_before ? { before: outbox.next_before } : {}),
  });
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          'Every email sent to customers (shipping, returns, refunds, ticket replies), ' +
          'with its delivery status.'
        }
      />
      <SettingsTabs current="/settings/outbox" />
      <p
        role="status"
        className={
          `mb-4 rounded-lg border px-4 py-3 ` +
          (`text-sm ` +
            (outbox.smtp_host
              ? 'border-emerald-200 bg-emerald-50 text-emerald-900'
              : 'border-amber-200 bg-amber-50 text-amber-900'))
        }
      >
        {outbox.smtp_host ? (
          <>
            Emails are sent through <strong>{outbox.smtp_host}</strong>; a failed send is retried with
            increasing waits (30 s up to 1 h, 8 tries).
          </>
        ) : (
          <>
            No mail server is configured, so emails are kept here and not sent. Set <code>SMTP_URL</code> (and{' '}
            <code>MAIL_FROM</code>) and restart to send them; see the README.
          </>
        )}
      </p>
      <FilterBar
        label="Filter the outbox"
        search
        boxed
        active={!!(query.status || query.to)}
        clearHref="/settings/outbox"
        sort={sortParams(sort, OUTBOX_SORT)}
      >
        <div>
          <label htmlFor="status" className="block text-sm font-medium">
            Status
          </label>
          <select id="status" name="status" defaultValue={query.status ?? ''} className={inputClass}>
            <option value="">All ({Object.values(outbox.counts).reduce((a, b) => a + (b ?? 0), 0)})</option>
            {(['pending', 'sent', 'failed'] as const).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]} ({outbox.counts[s] ?? 0})
              </option>
            ))}
          </select>
        </div>
        <FilterInput
          id="to"
          label="Recipient"
          type="search"
          value={query.to}
          placeholder="email starts with"
        />
      </FilterBar>
      <Card id="outbox-title" title="Messages" padding="none" titleClassName="px-6 pt-5">
        {outbox.rows.length === 0 ? (
          <p className="px-6 pb-6 pt-2 text-slate-700">
            {query.status || query.to
              ? 'No messages match these filters.'
              : 'No emails yet. They appear here when orders ship, returns move and tickets get replies.'}
          </p>
        ) : (
          <ListTable
            caption="Outbox messages"
            noun={['message', 'messages']}
            sort={sort}
            columns={[
              { id: 'subject', header: 'Subject' },
              { id: 'to', header: 'To' },
              { id: 'queued', header: 'Queued', sortable: true, sortDescFirst: true },
              { id: 'status', header: 'Status' },
              { id: 'actions', header: 'Actions' },
            ]}
            rows={outbox.rows.map((m) => ({
              id: m.id,
              cells: {
                subject: (
                  <>
                    <Link href={`/settings/outbox/${m.id}`} className="font-medium text-brand-700 underline">
                      {m.subject}
                    </Link>
                    <p className="text-slate-600">{m.template.replace(/_/g, ' ')}</p>
                  </>
                ),
                to: <span className="break-all">{m.to}</span>,
                queued: <span className="whitespace-nowrap">{when(m.created_at)}</span>,
                status: (
                  <>
                    <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_CLASS[m.status]}`}>
                      {STATUS_LABEL[m.status]}
                    </span>
                    <p className="mt-1 text-slate-600">
                      {m.status === 'sent' && m.sent_at
                        ? when(m.sent_at)
                        : m.status === 'pending' && m.attempts > 0
                          ? `try ${m.attempts + 1} at ${when(m.next_attempt_at)}`
                          : m.status === 'failed'
                            ? `after ${m.attempts} tries`
                            : ''}
                    </p>
                    {m.last_error && <p className="mt-1 max-w-xs text-red-800">{m.last_error}</p>}
                  </>
                ),
                actions:
                  m.status !== 'pending' ? (
                    <ResendMessageButton id={m.id} label={`Send "${m.subject}" to ${m.to} again`} />
                  ) : null,
              },
            }))}
          />
        )}
        {outbox.next_before && (
          <p className="border-t border-slate-200 px-6 py-3 text-sm">
            <Link href={`/settings/outbox?${next}`} className="text-brand-700 underline">
              Older messages
            </Link>
          </p>
        )}
      </Card>
    </>
  );
}
