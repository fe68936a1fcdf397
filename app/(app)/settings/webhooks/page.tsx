import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { WEBHOOK_SORT, webhookList } from '@/lib/webhooks/queries';
import { readSort } from '@/lib/list/sort';
import { EVENT_TYPES } from '@/lib/events/rules';
import { PageHeader } from '@/components/ui/page-header';
import { SettingsTabs } from '@/components/settings/settings-tabs';
import { CreateWebhookForm } from '@/components/settings/webhook-forms';
import { ListTable } from '@/components/data-table/list-table';
import { Card } from '@/components/page/card';
import type { ListPageProps } from '@/components/page/props';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage({ searchParams }: ListPageProps) {
  await requirePagePermission('webhooks:write', '/settings/webhooks');
  const { sort } = readSort(await searchParams, WEBHOOK_SORT);
  const hooks = await webhookList(sort);
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          'Webhooks post each event to an integration as it happens, signed per Standard ' +
          'Webhooks, retried for up to a day and a half.'
        }
      />
      <SettingsTabs current="/settings/webhooks" />
      <div className="space-y-6">
        <CreateWebhookForm eventTypes={EVENT_TYPES} />
        <Card id="hooks-title" title={`Webhooks (${hooks.length})`} padding="none" titleClassName="px-6 pt-5">
          {hooks.length === 0 ? (
            <p className="px-6 pb-6 pt-2 text-slate-700">
              No webhooks yet. Add one above with the URL your integration listens on.
            </p>
          ) : (
            <ListTable
              caption="Webhooks table"
              regionLabel="Webhooks table"
              noun={['webhook', 'webhooks']}
              sort={sort}
              columns={[
                { id: 'url', header: 'Endpoint', sortable: true },
                { id: 'events', header: 'Events' },
                { id: 'status', header: 'Status', sortable: true },
                { id: 'created', header: 'Added', sortable: true },
              ]}
              rows={hooks.map((h) => ({
                id: h.id,
                cells: {
                  url: (
                    <>
                      <Link
                        href={`/settings/webhooks/${h.id}`}
                        className="break-all font-medium text-blue-800 underline"
                      >
                        {h.url}
                      </Link>
                      {h.description && <span className="block text-slate-600">{h.description}</span>}
                    </>
                  ),
                  events: <code className="break-words">{h.events.join(', ')}</code>,
                  status: h.enabled
                    ? h.failing_since
                      ? 'Enabled, failing'
                      : 'Enabled'
                    : `Disabled: ${h.disabled_reason ?? ''}`,
                  created: <span className="whitespace-nowrap">{h.created_at.slice(0, 10)}</span>,
                },
              }))}
            />
          )}
        </Card>
      </div>
    </>
  );
}
