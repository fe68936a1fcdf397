import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { DELIVERY_SORT, deliveryList, webhookDetail } from '@/lib/webhooks/queries';
import { readSort } from '@/lib/list/sort';
import { ListTable } from '@/components/data-table/list-table';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import {
  DeleteWebhookButton,
  RetryDeliveryButton,
  RotateSecretButton,
  WebhookEnabledButton,
} from '@/components/settings/webhook-forms';
import { Card } from '@/components/page/card';
import { orNotFound } from '@/components/page/not-found';
import type { RecordPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Webhook deliveries' };

const dateTime = new Intl.DateTimeFormat('en-US', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'UTC',
});

export default async function WebhookPage({ params, searchParams }: RecordPageProps) {
  const { id } = await params;
  await requirePagePermission('webhooks:write', `/settings/webhooks/${id}`);
  const hook = await orNotFound(webhookDetail(id));
  const { sort } = readSort(await searchParams, DELIVERY_SORT);
  const deliveries = await deliveryList(id, { limit: 50, sort });
  return (
    <>
      <PageHeader title="Settings" description={`Webhook to ${hook.url}`} />
      <SettingsTabs current="/settings/webhooks" />
      <div className="space-y-6">
        <p>
          <Link href="/settings/webhooks" className="text-blue-800 underline">
            ← All webhooks
          </Link>
        </p>
        <Card id="hook-title" title={hook.url} padding="p-6" className="space-y-3" titleClassName="break-all">
          <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium">Events</dt>
            <dd>
              <code className="break-words">{hook.events.join(', ')}</code>
            </dd>
            <dt className="font-medium">Status</dt>
            <dd>{hook.enabled ? 'Enabled' : `Disabled: ${hook.disabled_reason ?? ''}`}</dd>
            {hook.failing_since && (
              <>
                <dt className="font-medium">Failing since</dt>
                <dd>{dateTime.format(new Date(hook.failing_since))} UTC (disabled after 5 days)</dd>
              </>
            )}
            {hook.previous_secret_expires_at && (
              <>
                <dt className="font-medium">Old secret signs until</dt>
                <dd>{dateTime.format(new Date(hook.previous_secret_expires_at))} UTC</dd>
              </>
            )}
          </dl>
          <div className="flex flex-wrap gap-3">
            <RotateSecretButton id={hook.id} />
            <WebhookEnabledButton id={hook.id} enabled={hook.enabled} />
            <DeleteWebhookButton id={hook.id} url={hook.url} />
          </div>
        </Card>
        <Card id="deliveries-title" title={`Recent deliveries (${deliveries.length})`} padding="p-6">
          {deliveries.length === 0 ? (
            <p className="pt-2 text-slate-700">
              Nothing sent yet. Deliveries appear here as soon as a subscribed event happens.
            </p>
          ) : (
            <div className="-mx-6 mt-3">
              <ListTable
                caption="Recent deliveries"
                noun={['delivery', 'deliveries']}
                sort={sort}
                columns={[
                  { id: 'event', header: 'Event', sortable: true },
                  { id: 'created', header: 'Queued', sortable: true, sortDescFirst: true },
                  { id: 'status', header: 'Status', sortable: true },
                  { id: 'attempts', header: 'Attempts', sortable: true, className: 'lg:text-right' },
                  { id: 'detail', header: 'Request and response' },
                  { id: 'actions', header: 'Actions' },
                ]}
                rows={deliveries.map((d) => {
                  const last = d.attempt_log[0];
                  return {
                    id: d.id,
                    cells: {
                      event: (
                        <span className="font-medium">
                          <code>{d.event_type}</code> · {d.resource_id} #{d.sequence}
                        </span>
                      ),
                      created: (
                        <span className="whitespace-nowrap">
                          {dateTime.format(new Date(d.created_at))} UTC
                        </span>
                      ),
                      status: (
                        <>
                          {d.status === 'succeeded'
                            ? 'Delivered'
                            : d.status === 'failed'
                              ? 'Failed'
                              : 'Pending'}
                          {last && (
                            <span className="block text-slate-700">
                              last: {last.response_status ?? 'no response'} in {last.duration_ms} ms
                            </span>
                          )}
                          {d.next_attempt_at && (
                            <span className="block text-slate-700">
                              next {dateTime.format(new Date(d.next_attempt_at))} UTC
                            </span>
                          )}
                          {d.last_error && <span className="block text-red-800">{d.last_error}</span>}
                        </>
                      ),
                      attempts: <span className="tabular-nums">{d.attempts}</span>,
                      detail: last ? (
                        <details>
                          <summary className="cursor-pointer text-blue-800">Request and response</summary>
                          <h3 className="mt-2 font-medium">Request</h3>
                          <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">
                            {Object.entries(last.request_headers)
                              .map(([k, v]) => `${k}: ${v}`)
                              .join('\n')}
                            {'\n\n'}
                            {last.request_body}
                          </pre>
                          <h3 className="mt-2 font-medium">
                            Response {last.response_status ?? '—'} ({last.duration_ms} ms)
                          </h3>
                          <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">
                            {last.error ?? last.response_body ?? ''}
                          </pre>
                        </details>
                      ) : (
                        '—'
                      ),
                      actions:
                        d.status !== 'succeeded' ? (
                          <RetryDeliveryButton webhookId={hook.id} deliveryId={d.id} />
                        ) : null,
                    },
                  };
                })}
              />
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
